"""Dictionary sets: the folders a run codes with, their files, and everything loaded from them.

Each folder's files take their role from their names: `*verbs*` or `CAMEO*` verbs, `*actors*`,
`*agents*`, `*discards*` (case-insensitive); other files are reported and ignored. The word
`default` names the shipped set (assets/dictionaries). Folders merge in the order given, files
within a folder in name order: later verbs join blocks of the same name (a verb named again
moves to the later block), later actor and agent phrases replace earlier entries for the same
phrase, discards add up.

Loading parses every file once per set: the result is pickled in a cache folder under the set's
digest and the reader code's, and read back from there while neither changes.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from newsfacts.caching import cached, long_lived, source_of
from newsfacts.dictionaries.actors import ActorDictionary, read_actors
from newsfacts.dictionaries.agents import AgentDictionary, read_agents
from newsfacts.dictionaries.discards import DiscardList, read_discards
from newsfacts.dictionaries.lines import Problem
from newsfacts.dictionaries.verbs import VerbDictionary, read_verbs

DEFAULT = "default"
ENV_VAR = "NEWSFACTS_DICTIONARIES"
_PACKAGE_DIR = Path(__file__).resolve().parents[1]
_DOCUMENTS = ("LICENSE", "LICENCE", "COPYING", "README", "PROVENANCE")  # beside the files, not dictionaries


class DictionaryError(ValueError):
    """A named folder that cannot serve as dictionaries (one line for the user)."""


class Role(StrEnum):
    VERBS = "verbs"
    ACTORS = "actors"
    AGENTS = "agents"
    DISCARDS = "discards"


def role_of(name: str) -> Role | None:
    n = name.lower()
    if "verbs" in n or n.startswith("cameo"):
        return Role.VERBS
    for role in (Role.ACTORS, Role.AGENTS, Role.DISCARDS):
        if role.value in n:
            return role
    return None


def default_dir() -> Path:
    """assets/dictionaries in a source checkout, or the copy bundled into a wheel."""
    for candidate in (_PACKAGE_DIR.parents[1] / "assets" / "dictionaries", _PACKAGE_DIR / "_data" / "dictionaries"):
        if candidate.is_dir():
            return candidate
    raise DictionaryError("the shipped dictionaries are missing: expected assets/dictionaries in the project")


def folders_from_env(names: Sequence[str] | None = None) -> tuple[str, ...]:
    """The folders named by the option, else by $NEWSFACTS_DICTIONARIES (os.pathsep-separated),
    else the default set."""
    if names:
        return tuple(names)
    env = os.environ.get(ENV_VAR, "")
    parts = tuple(p for p in env.split(os.pathsep) if p.strip())
    return parts or (DEFAULT,)


@dataclass(frozen=True)
class DictionaryFile:
    path: str  # absolute
    folder: str  # as named: `default` or the folder's absolute path
    role: Role
    sha256: str


@dataclass(frozen=True)
class SetDescription:
    """What a set is made of, without reading it: enough for code versions and records."""

    folders: tuple[str, ...]
    files: tuple[DictionaryFile, ...]
    ignored: tuple[str, ...]  # files of the folders that are no dictionary

    @property
    def digest(self) -> str:
        """SHA-256 over the files' roles, names and contents, in set order (not their folders:
        the same files elsewhere are the same set)."""
        h = hashlib.sha256()
        for f in self.files:
            h.update(f"{f.role}\0{Path(f.path).name}\0{f.sha256}\n".encode())
        return h.hexdigest()

    @property
    def is_default(self) -> bool:
        return self.folders == (DEFAULT,)

    def as_json(self) -> dict:
        return {
            "digest": self.digest,
            "folders": list(self.folders),
            "files": [
                {"path": f.path, "folder": f.folder, "role": str(f.role), "sha256": f.sha256} for f in self.files
            ],
        }


def _folder_path(name: str) -> Path:
    return default_dir() if name == DEFAULT else Path(name).expanduser().resolve()


# A run describes its set several times (the command line, the code versions, the resource): each
# file is read and hashed once per process, again if its size, time or inode changed. A file changed
# in the last seconds is hashed every time: two writes within the clock's granularity (a few ms)
# leave the same time (git's "racily clean" files).
_HASHED: dict[tuple[str, int, int, int], str] = {}
_SETTLED_NS = 2_000_000_000


def _file_sha256(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns, st.st_ino)
    digest = _HASHED.get(key)
    if digest is None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if time.time_ns() - st.st_mtime_ns > _SETTLED_NS:
            _HASHED[key] = digest
    return digest


def describe(folders: Sequence[str] | None = None) -> SetDescription:
    """The files of the named folders (or the default set), hashed. DictionaryError for a folder
    that does not exist or holds no dictionary file."""
    names = tuple(folders) if folders else (DEFAULT,)
    files: list[DictionaryFile] = []
    ignored: list[str] = []
    canonical: list[str] = []
    for name in names:
        folder = _folder_path(name)
        label = DEFAULT if name == DEFAULT else str(folder)
        canonical.append(label)
        if not folder.is_dir():
            raise DictionaryError(f"dictionary folder not found: {folder}")
        found = 0
        for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            if path.name.upper().startswith(_DOCUMENTS):
                continue
            role = role_of(path.name)
            if role is None:
                ignored.append(str(path))
                continue
            files.append(DictionaryFile(str(path), label, role, _file_sha256(path)))
            found += 1
        if not found:
            raise DictionaryError(
                f"no dictionary files in {folder}: expected names with 'verbs' (or starting "
                f"'CAMEO'), 'actors', 'agents' or 'discards'"
            )
    return SetDescription(tuple(canonical), tuple(files), tuple(ignored))


@dataclass
class DictionarySet:
    """A loaded set: its description, the merged dictionaries, and every problem found."""

    description: SetDescription
    verbs: VerbDictionary = field(default_factory=VerbDictionary)
    actors: ActorDictionary = field(default_factory=ActorDictionary)
    agents: AgentDictionary = field(default_factory=AgentDictionary)
    discards: DiscardList = field(default_factory=DiscardList)
    problems: list[Problem] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return self.description.digest

    def report(self) -> SetReport:
        return SetReport(
            self.description,
            tuple(self.problems),
            self.verbs.n_patterns(),
            len(self.actors.entries),
            len(self.agents.entries),
            len(self.discards.discards),
        )

    def problem_counts(self) -> dict[str, int]:
        return self.report().problem_counts()

    def summary(self) -> str:
        return self.report().summary()


@dataclass(frozen=True)
class SetReport:
    """What is said of a loaded set (the run's line, each batch's record, the UI), without its entries:
    what a process that does not code needs, cached apart and read in a millisecond."""

    description: SetDescription
    problems: tuple[Problem, ...]
    n_verb_patterns: int
    n_actors: int
    n_agents: int
    n_discards: int

    @property
    def digest(self) -> str:
        return self.description.digest

    def problem_counts(self) -> dict[str, int]:
        """Problems per file name, every file of the set listed."""
        counts = {Path(f.path).name: 0 for f in self.description.files}
        for p in self.problems:
            counts[p.file] = counts.get(p.file, 0) + 1
        return counts

    def summary(self) -> str:
        """One line for the run's output."""
        d = self.description
        which = "the default set" if d.is_default else " + ".join(d.folders)
        return (
            f"dictionaries: {which} ({len(d.files)} files, {self.n_verb_patterns} verb patterns, "
            f"{self.n_actors} actors, {self.n_agents} agents, {self.n_discards} discards), "
            f"{len(self.problems)} problem(s)"
        )


_READERS = {Role.VERBS: read_verbs, Role.ACTORS: read_actors, Role.AGENTS: read_agents, Role.DISCARDS: read_discards}
_READER_MODULES = ("lines", "phrases", "verbs", "actors", "agents", "discards", "sets")


def load(folders: Sequence[str] | None = None, cache_dir: Path | None = None, use_cache: bool = True) -> DictionarySet:
    """Read and merge the named folders (or the default set); from the cache (the machine's, see
    newsfacts.caching, unless another folder is named) when the files and the reader are the same."""
    description = describe(folders)
    if not use_cache:
        return long_lived(lambda: _read(description))
    loaded = cached("dictionaries", _cache_parts(description), lambda: _read(description), folder=cache_dir)
    loaded.description = description  # same files; folders as named this time
    return loaded


def load_report(folders: Sequence[str] | None = None, cache_dir: Path | None = None) -> SetReport:
    """The report of the loaded set (see load), without loading it when the cache has the report."""
    description = describe(folders)
    report = cached(
        "dictionary-report",
        _cache_parts(description),
        lambda: load(folders, cache_dir).report(),
        folder=cache_dir,
    )
    return replace(report, description=description)


def _cache_parts(description: SetDescription) -> list[bytes | str | Path]:
    readers = [importlib.import_module(f"newsfacts.dictionaries.{name}") for name in _READER_MODULES]
    return [description.digest, *source_of(*readers)]


def _read(description: SetDescription) -> DictionarySet:
    result = DictionarySet(description)
    for path in description.ignored:
        result.problems.append(
            Problem(
                Path(path).name,
                0,
                "not a dictionary file (its name says no role: verbs, CAMEO, actors, agents, discards); ignored",
            )
        )
    for f in description.files:
        parsed = _READERS[f.role](Path(f.path).read_bytes(), Path(f.path).name, result.problems)
        getattr(result, f.role.value).merge(parsed)
    return result
