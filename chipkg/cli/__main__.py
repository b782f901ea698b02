"""``python -m chipkg.cli``: the same as the ``chipkg`` command."""

from chipkg.cli import main

main()
