"""The charter: model, value checks, plain validator, loading, default files, JSON Schema."""
