from wagtail import hooks

from network_site.core.demo import DEMO_CONTENT_HOOK


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("accessibility", "accessibility.demo.load")
