"""Index and search: passages embedded into Chroma (one writer at a time), a local snapshot for quick loads,
documents read on demand, and hybrid retrieval with relevance calibrated per library."""
