"""The Easy Read pictures: one consistent set of simple pictograms shipped with the site.

Drawn for this project in one style (a dark blue outline, one pale blue fill, on a 96-unit
square) and given to the public domain (CC0 1.0): see static/easy_read/pictures/LICENCE.txt.
Each has a description that is its alternative text, unless the editor gives a step its own.
"""

from dataclasses import dataclass

from django.templatetags.static import static


@dataclass(frozen=True)
class Picture:
    key: str
    name: str
    description: str

    @property
    def static_name(self):
        return f"easy_read/pictures/{self.key}.svg"

    @property
    def url(self):
        return static(self.static_name)


PICTURES = {
    picture.key: picture
    for picture in [
        Picture("person", "A person", "A drawing of one person."),
        Picture("people", "People together", "A drawing of three people standing together."),
        Picture("talk", "Talking", "A drawing of two speech bubbles, as when people talk."),
        Picture("listen", "Listening", "A drawing of an ear, for listening."),
        Picture("heart", "What matters", "A drawing of a heart, for what matters to you."),
        Picture("star", "A good result", "A drawing of a star, for a good result."),
        Picture("question", "A question", "A drawing of a speech bubble with a question mark."),
        Picture("book", "A booklet", "A drawing of an open booklet."),
        Picture("write", "Writing", "A drawing of a pencil writing on paper."),
        Picture("computer", "The website", "A drawing of a computer screen."),
        Picture("email", "Email", "A drawing of an envelope, for an email."),
        Picture("calendar", "A meeting date", "A drawing of a calendar page."),
        Picture("network", "The network", "A drawing of dots joined by lines, like a net."),
        Picture("tick", "Yes, done", "A drawing of a tick in a circle."),
        Picture("idea", "An idea", "A drawing of a light bulb, for an idea."),
        Picture("home", "Home", "A drawing of a house."),
        Picture("free", "Free", "A drawing of a coin with a line through it: it costs nothing."),
        Picture("wait", "Waiting", "A drawing of a clock, for waiting a short time."),
    ]
}


def picture_choices():
    return [(picture.key, picture.name) for picture in PICTURES.values()]
