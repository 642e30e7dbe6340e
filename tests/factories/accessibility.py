import wagtail_factories

from accessibility.models import AccessibilityStatementPage


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Accessibility statement"
    introduction = "This statement is about the network's website."
    slug = "accessibility-statement"

    class Meta:
        model = AccessibilityStatementPage
