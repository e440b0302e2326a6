"""The data stage: YAML files read as located nodes, checked against the schema, loaded."""
