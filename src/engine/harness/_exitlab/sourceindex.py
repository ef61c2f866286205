"""The cleanup blocks of the program's source, parsed once for the whole harness.

Two readers: the timeline (trace.py) asks which line starts an except clause or a
finally body; the stack scan of a hard stop (stackscan.py) asks which finally and
with blocks enclose a line. The file is parsed when one of them first asks (a
program that never exits early is never parsed) and not again.
"""
import ast
import linecache

_TRY_NODES = (ast.Try, getattr(ast, "TryStar", ast.Try))

_indexes = {}  # filename -> SourceIndex


class SourceIndex:
    def __init__(self, filename):
        # For the timeline (plain `try` statements only, not `try/except*`):
        self.handlers = {}  # line of a try's first except clause -> the Try node
        self.finally_lines = set()  # first line of a try's finally body
        # For the stack scan, in ast.walk order: (what, line, body start, body end, name)
        # for the finally of every try (with except* too) and for every item of a with.
        self.blocks = []
        try:
            tree = ast.parse("".join(linecache.getlines(filename)))
        except (SyntaxError, ValueError):
            return
        for node in ast.walk(tree):
            if isinstance(node, _TRY_NODES):
                if isinstance(node, ast.Try):
                    if node.handlers:
                        self.handlers[node.handlers[0].lineno] = node
                    if node.finalbody:
                        self.finally_lines.add(node.finalbody[0].lineno)
                if node.finalbody:
                    body_start = node.body[0].lineno
                    body_end = max(getattr(n, "end_lineno", n.lineno) for n in node.body + node.handlers + node.orelse)
                    self.blocks.append(("finally", node.finalbody[0].lineno, body_start, body_end, None))
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                start = node.body[0].lineno
                end = max(getattr(n, "end_lineno", n.lineno) for n in node.body)
                for item in node.items:
                    name = ast.unparse(item.context_expr)
                    self.blocks.append(("context-exit", node.lineno, start, end, name))


def index(filename):
    """The index of `filename`, parsed on first use."""
    found = _indexes.get(filename)
    if found is None:
        found = _indexes[filename] = SourceIndex(filename)
    return found
