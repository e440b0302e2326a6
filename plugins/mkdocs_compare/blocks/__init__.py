"""The blocks stage: the kinds of block an author writes, their options and their renderers."""

from .builtin import MATRIX, RANKING, TABLE
from .kinds import BLOCK_KINDS, Block, BlockKind, parse_block, register

__all__ = ["BLOCK_KINDS", "MATRIX", "RANKING", "TABLE", "Block", "BlockKind", "parse_block",
           "register"]
