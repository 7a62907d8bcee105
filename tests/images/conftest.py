import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # image_fixtures and images_support, beside the tests

from images_support import SMALL  # noqa: E402


@pytest.fixture
def small_settings():
    return SMALL
