"""Demo Easy Read pages: the booklet's key ideas and how to join the network, their words in
`demo_content/easy-read.yaml` (written for the demo in Easy Read style: short sentences, one idea
per line, plain words)."""

from pathlib import Path

from network_site.core.demo import stream, upsert_page
from network_site.core.demo_data import DemoDataError, check_records, read_yaml
from network_site.core.site_address import page_url

from .models import EasyReadIndexPage, EasyReadPage
from .pictures import PICTURES

DEMO_CONTENT = Path(__file__).parent / "demo_content"
EASY_READ = DEMO_CONTENT / "easy-read.yaml"
PAGE_REQUIRED = {"slug", "title", "introduction", "standard_page", "steps"}


def body_of(record):
    blocks = []
    for step in record["steps"]:
        if "heading" in step:
            blocks.append(("heading", step["heading"]))
            continue
        if step.get("picture") not in PICTURES:
            raise DemoDataError(
                EASY_READ, f"{record['slug']}: unknown picture {step.get('picture')!r}"
            )
        blocks.append(
            ("step", {"text": step["text"], "picture": step["picture"], "picture_description": ""})
        )
    return stream(*blocks)


def load(context):
    home = context["home"]
    data = read_yaml(EASY_READ)
    [index_data] = check_records(EASY_READ, [data["index"]], {"slug", "title", "introduction"})
    index = upsert_page(
        home,
        EasyReadIndexPage,
        index_data["slug"],
        title=index_data["title"],
        introduction=index_data["introduction"],
    )
    records = check_records(EASY_READ, data["pages"], PAGE_REQUIRED, "page")
    for record in records:
        standard_page = home.get_children().filter(slug=record["standard_page"]).first()
        upsert_page(
            index,
            EasyReadPage,
            record["slug"],
            title=record["title"],
            introduction=record["introduction"],
            standard_page_id=standard_page.pk if standard_page else None,
            body=body_of(record),
            next_step_text=record.get("next_step_text", ""),
            next_step_address=record.get("next_step_address", ""),
        )
    context["stdout"].write(f"Easy Read: {len(records)} pages at {page_url(index)}")
