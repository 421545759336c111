"""The handbook pack: content records, their validation, the user cache, loading a pack."""
