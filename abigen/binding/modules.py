"""Module names a generated package must not use: they would shadow other modules.

A script run from inside the package folder puts that folder first on sys.path, so a
generated `token.py` or `enum.py` would replace the standard library's for it; test runners
collect `test*.py` and `*_test.py`. The standard library's top-level names are a fixed list
(Python 3.10 to 3.14), not the running interpreter's, so output does not depend on it.
"""

from __future__ import annotations

import hashlib

STANDARD_LIBRARY = frozenset(
    """
    abc aifc annotationlib antigravity argparse array ast asynchat asyncio asyncore atexit
    audioop base64 bdb binascii binhex bisect builtins bz2 cProfile calendar cgi cgitb chunk
    cmath cmd code codecs codeop collections colorsys compileall compression concurrent
    configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses
    datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno
    faulthandler fcntl filecmp fileinput fnmatch formatter fractions ftplib functools gc
    genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http
    idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3
    linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder
    msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode
    operator optparse os ossaudiodev parser pathlib pdb pickle pickletools pipes pkgutil
    platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr
    pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter
    runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib
    sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat
    statistics string stringprep struct subprocess sunau symbol symtable sys sysconfig
    syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit
    tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types
    typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg
    winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
    """.split()  # noqa: SIM905 (a word list reads better than 200 quoted strings)
)

# What generated modules and the runtime import, and pytest's own module.
DEPENDENCIES = frozenset(
    """
    abigen aiohttp conftest eth_abi eth_account eth_hash eth_keys eth_rlp eth_typing eth_utils
    hexbytes requests rlp typing_extensions urllib3 web3 websockets
    """.split()  # noqa: SIM905 (a word list reads better than 200 quoted strings)
)


# File systems cap a name at 255 bytes; a longer one (an absurd contract name) is cut and
# keeps a hash of the whole, so distinct long names stay distinct and output stays stable.
_LONGEST = 100


def module_name(name: str) -> str:
    """`token` -> `token_`, `test_vault` -> `contract_test_vault`, `vault_test` -> `vault_test_`."""
    if len(name) > _LONGEST:
        name = f"{name[: _LONGEST - 9]}_{hashlib.sha256(name.encode()).hexdigest()[:8]}"
    if name.startswith("test"):  # unittest's default pattern is test*.py, pytest's test_*.py
        return f"contract_{name}"
    if name in STANDARD_LIBRARY or name in DEPENDENCIES or name.endswith("_test"):
        return f"{name}_"
    return name
