import pytest

from plans.portal.services import blocks_ensure


@pytest.fixture(autouse=True)
def _blocks(db):
    """The data migration's blocks, which a transactional test earlier in the process flushed."""
    blocks_ensure()
