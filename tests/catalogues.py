"""A fixture for tests that read the interface's translations: the catalogues compiled (as
`make catalogues` does) and Django's cache of them emptied, so the .mo files are read now."""

import pytest
from django.utils.translation import trans_real

from portal.core.catalogues import compile_stale_catalogues


@pytest.fixture
def translated():
    if compile_stale_catalogues():
        trans_real._translations.clear()
        trans_real._default = None
        trans_real._active = trans_real.Local()
