"""Imported once, just before the memory snapshot is taken.

Everything imported here is already in every interpreter booted from the
snapshot, so a program's `import asyncio` costs nothing. Being part of the
harness, this file is part of the snapshot's cache key.
"""
import argparse  # noqa: F401
import ast  # noqa: F401
import asyncio  # noqa: F401
import atexit  # noqa: F401
import collections  # noqa: F401
import contextlib  # noqa: F401
import dataclasses  # noqa: F401
import enum  # noqa: F401
import errno  # noqa: F401
import functools  # noqa: F401
import io  # noqa: F401
import json  # noqa: F401
import linecache  # noqa: F401
import pathlib  # noqa: F401
import queue  # noqa: F401
import random  # noqa: F401
import re  # noqa: F401
import shutil  # noqa: F401
import signal  # noqa: F401
import tempfile  # noqa: F401
import threading  # noqa: F401
import time  # noqa: F401
import traceback  # noqa: F401
import types  # noqa: F401
import weakref  # noqa: F401
import _threading_local  # noqa: F401

# threads is installed only on the suspension path, but importing it changes nothing.
from . import aio, hostlink, patches, run, shutdown, signals, stackscan, stdio, threads, trace  # noqa: F401

# Everything alive now (the stdlib, the harness) moves to the permanent
# generation: the collections CPython runs during a program and during
# Py_FinalizeEx then only walk the program's own objects.
import gc  # noqa: E402

gc.collect()
gc.freeze()
