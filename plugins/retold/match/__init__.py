"""Matching across versions: the base, sentence links to it, claim groups, and their stable ids.

`base` chooses the version the others are linked to when no manifest names it; `align` scores
every sentence against every base sentence (words and `meaning`'s sentence embeddings) and
links it; `claims` groups the links into claims; `identity` keeps each claim's id and each
sentence's anchor across edits, through `claims.lock`.
"""
