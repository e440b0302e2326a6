"""The data stage: YAML files read as located nodes, checked against the schema, loaded."""

# Field types declared in modules of their own register themselves when imported.
from . import stack as stack
