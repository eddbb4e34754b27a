from tests.ui.conftest import english, pt_br, save_screenshot

__all__ = ["english", "pt_br", "save_screenshot"]
