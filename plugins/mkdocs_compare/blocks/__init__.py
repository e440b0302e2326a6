"""The blocks stage: the kinds of block an author writes, their options and their renderers."""

from .builtin import MATRIX, RANKING, TABLE
from .kinds import BLOCK_KINDS, Block, BlockKind, parse_block, register
from .stack import STACK

__all__ = ["BLOCK_KINDS", "MATRIX", "RANKING", "STACK", "TABLE", "Block", "BlockKind",
           "parse_block", "register"]
