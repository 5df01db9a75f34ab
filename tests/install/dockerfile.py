"""A Dockerfile replayed without Docker: its instructions parsed, its COPY and RUN steps done in a folder.

No Docker engine runs in CI and base images cannot be pulled, so a fresh venv stands in for the
python base image (its bin folder plays /usr/local/bin) and a folder plays the image's file system:
absolute paths in the Dockerfile (WORKDIR, COPY targets, ENV values) land under that folder. User
accounts (groupadd, useradd) are recorded, not made on the host; the home folder is made and given
to the uid. An instruction or option this replay does not know stops it, so the Dockerfile cannot
grow a step that the test silently skips.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .venvs import make_venv, run

STAND_IN_FOR = re.compile(r"python:3\.\d+(-slim)?")
SYSTEM_PATH = ("/usr/sbin", "/usr/bin", "/sbin", "/bin")
HOST_SETTINGS = ("PIP_", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "SSL_CERT_")


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str
    line: int

    def exec_form(self, text: str | None = None) -> list[str]:
        text = self.arguments if text is None else text
        if not text.lstrip().startswith("["):
            raise ValueError(f"line {self.line}: {self.keyword} in shell form; the replay runs the exec form (JSON) only")
        return json.loads(text)


def parse(text: str) -> list[Instruction]:
    """Return the instructions of a Dockerfile: comments dropped, continued lines joined."""
    instructions, pending, start = [], "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("#") or (not line.strip() and not pending):
            continue  # Docker drops comment lines, also inside a continued instruction
        start = start or number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip(), start))
        pending, start = "", 0
    return instructions


@dataclass
class Image:
    """What the replay built: the image's file system in root, and how the image runs its CMD."""

    root: Path
    bin: Path = Path()  # the stand-in base image's bin folder: /usr/local/bin
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    uid: int = 0
    gid: int = 0
    users: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # name -> uid, gid, home
    groups: dict[str, int] = field(default_factory=dict)
    exposed: list[int] = field(default_factory=list)
    healthcheck: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)

    def path(self, image_path: str) -> Path:
        """Return where an image path (absolute, or relative to WORKDIR) lies in the replay's folder."""
        absolute = PurePosixPath(self.workdir) / image_path
        return self.root / str(absolute).lstrip("/")

    def home(self) -> str:
        return next((home for uid, _, home in self.users.values() if uid == self.uid), "/root")

    def environment(self, *, build: bool) -> dict[str, str]:
        """Return the environment of a RUN step (build) or of the running image: ENV, with paths mapped."""
        host = {k: v for k, v in os.environ.items() if build and k.startswith(HOST_SETTINGS)}  # the machine's pip index
        mapped = {k: str(self.path(v)) if v.startswith("/") else v for k, v in self.env.items()}
        return {**host, **mapped, "PATH": os.pathsep.join((str(self.bin), *SYSTEM_PATH)), "HOME": str(self.path(self.home()))}

    def run(self, command: list[str], *, check: bool = True, as_user: bool = True) -> subprocess.CompletedProcess[str]:
        """Run command in the image as its USER would (when this process may switch to that user)."""
        return run(command, check=check, cwd=self.path(self.workdir), env=self.environment(build=False), **(self.user_options() if as_user else {}))

    def user_options(self) -> dict[str, int]:
        return {"user": self.uid, "group": self.gid, "extra_groups": []} if os.geteuid() == 0 and self.uid else {}


def replay(dockerfile: Path, context: Path, root: Path) -> Image:
    """Replay dockerfile's steps with context as the build context, the image's file system in root."""
    instructions = parse(dockerfile.read_text(encoding="utf-8"))
    image = Image(root)
    ignored = _dockerignore(context)
    for step in instructions:
        handler = STEPS.get(step.keyword)
        if handler is None:
            raise NotImplementedError(f"line {step.line}: the replay does not know {step.keyword}; teach tests/install/dockerfile.py")
        handler(image, step, context, ignored, instructions)
    return image


def _from(image: Image, step: Instruction, context: Path, ignored: list[str], instructions: list[Instruction]) -> None:
    if not STAND_IN_FOR.fullmatch(step.arguments):
        raise NotImplementedError(f"line {step.line}: a venv cannot stand in for {step.arguments}")
    image.bin = make_venv(image.path("/usr/local"), _python_the_user_can_run(instructions))
    # The slim image has pip only; a venv of Python 3.11 also has setuptools, which the image would lack.
    run([image.bin / "python", "-m", "pip", "uninstall", "--yes", "--quiet", "setuptools"])


def _env(image: Image, step: Instruction, *_: object) -> None:
    for pair in shlex.split(step.arguments):
        name, equals, value = pair.partition("=")
        if not equals:
            raise NotImplementedError(f"line {step.line}: ENV in the old `ENV name value` form")
        image.env[name] = value


def _workdir(image: Image, step: Instruction, *_: object) -> None:
    image.workdir = str(PurePosixPath(image.workdir) / step.arguments)
    image.path(image.workdir).mkdir(parents=True, exist_ok=True)


def _copy(image: Image, step: Instruction, context: Path, ignored: list[str], _: object) -> None:
    *sources, target = shlex.split(step.arguments)
    if any(s.startswith("--") for s in sources):
        raise NotImplementedError(f"line {step.line}: COPY options ({step.arguments})")
    into_folder = target.endswith("/") or len(sources) > 1
    for source in sources:
        origin = context / source
        if origin.is_dir():  # a folder's contents, not the folder itself, as Docker does
            for path in sorted(origin.rglob("*")):
                relative = path.relative_to(context).as_posix()
                if path.is_file() and not _is_ignored(relative, ignored):
                    _copy_file(path, image.path(str(PurePosixPath(target) / path.relative_to(origin).as_posix())))
        elif not _is_ignored(source, ignored):
            _copy_file(origin, image.path(str(PurePosixPath(target) / origin.name) if into_folder else target))
        else:
            raise FileNotFoundError(f"line {step.line}: {source} is excluded by .dockerignore")


def _run(image: Image, step: Instruction, *_: object) -> None:
    commands = [shlex.split(part) for part in step.arguments.split("&&")]
    if all(command[0] in ACCOUNTS for command in commands):
        for command in commands:
            ACCOUNTS[command[0]](image, command[1:])
        return
    if any(command[0] in ACCOUNTS for command in commands):
        raise NotImplementedError(f"line {step.line}: user accounts mixed with other commands in one RUN")
    run(["sh", "-c", step.arguments], cwd=image.path(image.workdir), env=image.environment(build=True))


def _user(image: Image, step: Instruction, *_: object) -> None:
    user, _, group = step.arguments.partition(":")
    image.uid = int(user) if user.isdigit() else image.users[user][0]
    image.gid = int(group) if group.isdigit() else image.groups[group] if group else next(g for u, g, _ in image.users.values() if u == image.uid)


def _expose(image: Image, step: Instruction, *_: object) -> None:
    image.exposed += [int(port.partition("/")[0]) for port in step.arguments.split()]


def _healthcheck(image: Image, step: Instruction, *_: object) -> None:
    _, cmd, command = step.arguments.partition("CMD ")
    if not cmd:
        raise NotImplementedError(f"line {step.line}: HEALTHCHECK without CMD")
    image.healthcheck = step.exec_form(command)


def _cmd(image: Image, step: Instruction, *_: object) -> None:
    image.cmd = step.exec_form()


STEPS = {"FROM": _from, "ENV": _env, "WORKDIR": _workdir, "COPY": _copy, "RUN": _run, "USER": _user, "EXPOSE": _expose, "HEALTHCHECK": _healthcheck, "CMD": _cmd}


def _groupadd(image: Image, arguments: list[str]) -> None:
    options = _account_options(arguments, "--gid")
    image.groups[options.name] = int(options.gid)


def _useradd(image: Image, arguments: list[str]) -> None:
    options = _account_options(arguments, "--uid", "--gid", flags=("--no-log-init", "--create-home"))
    gid = int(options.gid) if options.gid.isdigit() else image.groups[options.gid]
    home = f"/home/{options.name}"
    image.users[options.name] = (int(options.uid), gid, home)
    if options.create_home:
        folder = image.path(home)
        folder.mkdir(parents=True)
        if os.geteuid() == 0:
            os.chown(folder, int(options.uid), gid)


ACCOUNTS = {"groupadd": _groupadd, "useradd": _useradd}


def _account_options(arguments: list[str], *valued: str, flags: tuple[str, ...] = ()) -> argparse.Namespace:
    parser = argparse.ArgumentParser(exit_on_error=False)
    for name in valued:
        parser.add_argument(name, required=True)
    for name in flags:
        parser.add_argument(name, action="store_true")
    parser.add_argument("name")
    return parser.parse_args(arguments)  # an option the replay does not know is an error


def _python_the_user_can_run(instructions: list[Instruction]) -> str:
    """Return a Python that the Dockerfile's USER can run (this one may sit in a folder only root can enter)."""
    users = [step.arguments.partition(":")[0] for step in instructions if step.keyword == "USER"]
    uid = int(users[-1]) if users and users[-1].isdigit() else None
    candidates = [os.path.realpath(getattr(sys, "_base_executable", sys.executable)), "/usr/bin/python3", "/usr/local/bin/python3"]
    if os.geteuid() != 0 or uid is None:
        return candidates[0]
    for python in candidates:
        try:
            probe = subprocess.run([python, "-c", "import ensurepip, venv"], user=uid, cwd="/", capture_output=True, check=False)
        except OSError:  # missing, or in a folder the user may not enter
            continue
        if probe.returncode == 0:
            return python
    raise RuntimeError(f"no Python with venv that uid {uid} can run among {candidates}")


def _dockerignore(context: Path) -> list[str]:
    path = context / ".dockerignore"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip().rstrip("/") for line in lines if line.strip() and not line.strip().startswith(("#", "!"))]


def _is_ignored(relative: str, patterns: list[str]) -> bool:
    """Return whether .dockerignore's patterns exclude relative (a path in the context) or a folder above it."""
    parts = relative.split("/")
    for end in range(1, len(parts) + 1):
        prefix = parts[:end]
        for pattern in patterns:
            if pattern.startswith("**/"):
                if any(fnmatch.fnmatchcase("/".join(prefix[start:]), pattern[3:]) for start in range(len(prefix))):
                    return True
            elif fnmatch.fnmatchcase("/".join(prefix), pattern):
                return True
    return False


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
