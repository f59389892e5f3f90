"""Text into structure: blocks, sentences with exact offsets, the one lexicon and tokeniser, and slugs.

`terms` turns any wording into the words and matching terms (stems, glossary names) that
every later stage compares; `parse` and `sentences` cut a seed into blocks and sentences;
`slugs` makes the readable ids of versions and claims. Everything here is pure (strings in,
structure out), so it is the lowest stage: `files/` checks what it reads with it.
"""
