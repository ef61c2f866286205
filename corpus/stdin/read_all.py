# exitlab-case: {"modes": ["pipe", "tty"], "stdin": "the quick brown fox\njumps over the lazy dog\n", "note": "sys.stdin.read() until EOF"}
import sys

text = sys.stdin.read()
words = text.split()
print(len(text.splitlines()), "lines", len(words), "words")
print("longest:", max(words, key=len))
