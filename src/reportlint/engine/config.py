"""Configuration: ``.reportlint.yaml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

The configuration file closest to a checked file wins; ``extend: ../.reportlint.yaml`` inherits
from another one explicitly (keys of the nearer file override). Unknown keys and wrong types are
errors that name the file, the key and the line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlint.findings import Severity
from reportlint.loaders import DEFAULT_LIMITS, MB, Limits

CONFIG_FILES = (".reportlint.yaml", ".reportlint.yml", "pyproject.toml")

_LIST_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "exclude", "extend-exclude", "templates")
_KNOWN_KEYS = frozenset(
    (*_LIST_KEYS, "extend", "per-file-ignores", "severity", "rules", "fail-on", "lang", "preview", "limits")
)
# limits: key in the file → (field of Limits, factor from the file's unit to the field's)
LIMIT_KEYS = {
    "file-size-mb": ("file_bytes", MB),
    "text-characters": ("text_chars", 1),
    "inflated-size-mb": ("inflated_bytes", MB),
    "pdf-pages": ("pdf_pages", 1),
    "seconds-per-file": ("seconds", 1),
    "memory-per-file-mb": ("memory_bytes", MB),
}

# A configuration file is a few hundred bytes. Past these bounds it is an attack or an accident,
# and reading it on would exhaust the stack (parsers recurse per level of nesting) or memory
# (YAML aliases expand exponentially: 1 KB can stand for gigabytes).
MAX_CONFIG_BYTES = 1024 * 1024
MAX_NESTING = 50
MAX_ALIASES = 100
MAX_EXPANDED_NODES = 100_000
_UNREADABLE_VALUE = "配置中有无法读取的值，如位数过多的整数 (a value cannot be read: an integer with thousands of digits?)"


if TYPE_CHECKING:
    from pathlib import Path

# pathlib is imported where a configuration file is read: finding that there is none, the usual
# case for a one-file run, uses os.path only (pathlib costs a fresh process ~4 ms to import).


class ConfigError(Exception):
    """A configuration that cannot be used; the message names file, key and line."""


@dataclass
class Config:
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    lang: str = "zh"
    preview: bool = False  # run the rules still in preview
    templates: list[str] = field(default_factory=list)
    limits: Limits = DEFAULT_LIMITS
    path: str | None = None  # the file this came from
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # key path → line, for errors

    @property
    def root(self) -> Path:
        from pathlib import Path

        return Path(self.path).parent if self.path else Path.cwd()

    def where(self, key: str) -> str:
        if not self.path:
            return "命令行 (command line)"
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else self.path


# -- reading files with line numbers -------------------------------------------------------------


def _yaml_budget(text: str, path: str) -> None:
    """Refuse YAML nested deeper than MAX_NESTING or with more than MAX_ALIASES aliases, from the
    token stream (PyYAML's scanner is a loop; its composer recurses once per level)."""
    import yaml

    depth = aliases = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                              yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
            depth += 1
            if depth > MAX_NESTING:
                raise ConfigError(f"{path}:{token.start_mark.line + 1}: 配置嵌套过深 (nested more than {MAX_NESTING} levels)")
        elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
            depth -= 1
        elif isinstance(token, yaml.AliasToken):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise ConfigError(f"{path}:{token.start_mark.line + 1}: YAML 别名过多 (more than {MAX_ALIASES} aliases)")


def _expanded_size(root: Any, path: str) -> None:
    """Refuse a composed YAML document whose aliases expand past MAX_EXPANDED_NODES nodes, or
    refer to themselves; counted over the graph of shared nodes, never expanding it."""
    import yaml

    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if done:
            sizes[id(node)] = min(MAX_EXPANDED_NODES + 1, 1 + sum(sizes[id(child)] for child in children))
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                raise ConfigError(f"{path}: YAML 别名展开过大 (aliases expand to more than {MAX_EXPANDED_NODES:,} values)")
            continue
        if id(node) in sizes:
            if sizes[id(node)] < 0:
                raise ConfigError(f"{path}: YAML 别名引用自身 (a recursive alias)")
            continue
        sizes[id(node)] = -1  # in progress: meeting it again below is a cycle
        stack.append((node, True))
        stack.extend((child, False) for child in children if sizes.get(id(child), 0) <= 0)


def _yaml_with_lines(text: str, path: str) -> tuple[Any, dict[str, int]]:
    import yaml  # only when there is a configuration file to read

    try:
        _yaml_budget(text, path)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise ConfigError(f"{where}: 配置文件不是有效的 YAML (invalid YAML): {getattr(error, 'problem', error)}") from None
    if node is not None:
        _expanded_size(node, path)
    lines: dict[str, int] = {}

    def walk(current: Any, prefix: str) -> None:
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
                lines[key] = key_node.start_mark.line + 1
                walk(value_node, key)

    if node is not None:
        walk(node, "")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:  # pragma: no cover - compose already parsed it
        raise ConfigError(f"{path}: invalid YAML: {error}") from None
    except ValueError:  # an integer of thousands of digits (int() refuses past 4,300)
        raise ConfigError(f"{path}: {_UNREADABLE_VALUE}") from None
    return data, lines


def _toml_nesting(text: str, path: str) -> None:
    """Refuse TOML whose arrays and inline tables nest deeper than MAX_NESTING (tomllib recurses
    once per level); brackets inside strings and comments do not count."""
    depth = 0
    for token in _TOML_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, token.start()) + 1
                raise ConfigError(f"{path}:{line}: 配置嵌套过深 (nested more than {MAX_NESTING} levels)")
        elif char in "]}":
            depth = max(0, depth - 1)


# Strings (multi-line first), comments, and the brackets outside them; every other character is
# skipped by finditer. Each alternative consumes what it scans, so the scan is linear.
_TOML_TOKENS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)|\'\'\'(?:[^']|'(?!''))*(?:\'\'\'|$)'''
                          r'''|"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|#[^\n]*|[\[\]{}]''')


def _toml_section(text: str, path: str) -> tuple[dict[str, Any] | None, dict[str, int]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    _toml_nesting(text, path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: pyproject.toml 不是有效的 TOML (invalid TOML): {error}") from None
    except ValueError:  # an integer of thousands of digits (int() refuses past 4,300)
        raise ConfigError(f"{path}: {_UNREADABLE_VALUE}") from None
    section = data.get("tool", {}).get("reportlint")
    if section is None:
        return None, {}
    lines: dict[str, int] = {}
    in_section = False
    subsection = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _toml_header(line)
        if header is not None:
            name = header.replace('"', "")
            in_section = name == "tool.reportlint" or name.startswith("tool.reportlint.")
            subsection = name[len("tool.reportlint.") :] if name.startswith("tool.reportlint.") else ""
            if subsection:
                lines.setdefault(subsection, number)
            continue
        assignment = re.match(r'\s*"?([A-Za-z0-9_\-.*/]+)"?\s*=', line)
        if in_section and assignment:
            key = f"{subsection}.{assignment.group(1)}" if subsection else assignment.group(1)
            lines.setdefault(key, number)
    return section, lines


def _toml_header(line: str) -> str | None:
    """The name in a table header line (``[a.b]``, ``[[a]]``), else None. String methods, not a
    regex: a lazy name before ``\\s*\\]`` backtracks quadratically on a line of spaces."""
    stripped = line.strip()
    if not stripped.startswith("["):
        return None
    name, bracket, _ = stripped.lstrip("[").partition("]")
    return name.strip() if bracket and name.strip() else None


def _read(path: Path) -> tuple[dict[str, Any] | None, dict[str, int]]:
    from reportlint.loaders import read_file_bytes
    from reportlint.source import InputError

    try:
        text = read_file_bytes(path, Limits(file_bytes=MAX_CONFIG_BYTES)).decode("utf-8")
    except InputError as error:
        if "文件为空" in str(error):
            text = ""
        else:
            raise ConfigError(f"{path}: 无法读取配置文件 (cannot read config): {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: 无法读取配置文件 (cannot read config): {error}") from None
    if path.name == "pyproject.toml":
        return _toml_section(text, str(path))
    data, lines = _yaml_with_lines(text, str(path))
    if data is None:
        return {}, lines
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: 配置必须是键值映射 (the configuration must be a mapping)")
    return data, lines


# -- validation ----------------------------------------------------------------------------------


def _fail(path: Path, lines: dict[str, int], key: str, problem: str) -> ConfigError:
    line = lines.get(key)
    where = f"{path}:{line}" if line else str(path)
    return ConfigError(f"{where}: {key}: {problem}")


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _apply(config: Config, data: dict[str, Any], path: Path, lines: dict[str, int]) -> None:
    for raw_key, value in data.items():
        key = str(raw_key).replace("_", "-")
        line_key = str(raw_key)
        if key not in _KNOWN_KEYS:
            raise _fail(path, lines, line_key, "未知的配置项 (unknown key)")
        if key in _LIST_KEYS:
            if not _string_list(value):
                raise _fail(path, lines, line_key, "应为字符串列表 (expected a list of strings)")
            if key == "templates":
                config.templates = [str((path.parent / item).resolve()) for item in value]
            elif key == "extend-exclude":
                config.exclude = config.exclude + list(value)
            else:
                setattr(config, key.replace("-", "_"), list(value))
        elif key == "extend":
            pass  # handled by load_config
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(_string_list(codes) for codes in value.values()):
                raise _fail(path, lines, line_key, "应为 模式: [规则…] 的映射 (expected a mapping of glob → list of rules)")
            config.per_file_ignores = {str(pattern): list(codes) for pattern, codes in value.items()}
        elif key == "severity":
            if not isinstance(value, dict):
                raise _fail(path, lines, line_key, "应为 规则: 级别 的映射 (expected a mapping of rule → severity)")
            for rule, level in value.items():
                try:
                    config.severity[str(rule)] = Severity.parse(str(level))
                except ValueError as error:
                    raise _fail(path, lines, f"{line_key}.{rule}", str(error)) from None
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(options, dict) for options in value.values()):
                raise _fail(path, lines, line_key, "应为 规则: {选项: 值} 的映射 (expected a mapping of rule → options)")
            for rule, options in value.items():
                config.rule_options[str(rule)] = {str(name).replace("_", "-"): option for name, option in options.items()}
                for name in options:
                    normalised = str(name).replace("_", "-")
                    config.lines[f"rules.{rule}.{normalised}"] = lines.get(f"{line_key}.{rule}.{name}", 0)
        elif key == "fail-on":
            try:
                config.fail_on = Severity.parse(str(value))
            except ValueError as error:
                raise _fail(path, lines, line_key, str(error)) from None
        elif key == "limits":
            config.limits = _limits(config.limits, value, path, lines, line_key)
        elif key == "lang":
            if value not in ("zh", "en"):
                raise _fail(path, lines, line_key, "应为 zh 或 en (expected zh or en)")
            config.lang = value
        elif key == "preview":
            if not isinstance(value, bool):
                raise _fail(path, lines, line_key, "应为 true 或 false (expected true or false)")
            config.preview = value
        config.lines[key] = lines.get(line_key, 0)


def _limits(current: Limits, value: Any, path: Path, lines: dict[str, int], line_key: str) -> Limits:
    if not isinstance(value, dict):
        raise _fail(path, lines, line_key, "应为 名称: 数值 的映射 (expected a mapping of limit → number)")
    changes = {}
    for name, amount in value.items():
        if name not in LIMIT_KEYS:
            raise _fail(path, lines, f"{line_key}.{name}", f"未知的限制 (unknown limit; known: {', '.join(LIMIT_KEYS)})")
        if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not 0 < amount < 1e12:
            raise _fail(path, lines, f"{line_key}.{name}", "应为正数 (expected a positive number)")
        field_name, factor = LIMIT_KEYS[name]
        changes[field_name] = amount * factor if field_name == "seconds" else int(amount * factor)
    return current._replace(**changes)


def load_config(path: str | os.PathLike[str], _seen: tuple[str, ...] = ()) -> Config:
    """Load one configuration file, following ``extend`` first."""
    from pathlib import Path

    file = Path(path).resolve()
    if str(file) in _seen:
        raise ConfigError(f"{file}: extend 形成循环 (extend cycle: {' → '.join(_seen)})")
    if not file.is_file():
        raise ConfigError(f"{file}: 配置文件不存在 (config file not found)")
    data, lines = _read(file)
    data = data or {}
    config = Config()
    parent = data.get("extend")
    if parent is not None:
        if not isinstance(parent, str):
            raise _fail(file, lines, "extend", "应为文件路径 (expected a file path)")
        config = load_config(file.parent / parent, (*_seen, str(file)))
    _apply(config, data, file, lines)
    config.path = str(file)
    return config


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The configuration file closest to ``start`` (a file or folder), searching upward."""
    folder = os.path.realpath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                if name == "pyproject.toml":
                    try:
                        with open(candidate, encoding="utf-8", errors="replace") as file:
                            if "[tool.reportlint" not in file.read(MAX_CONFIG_BYTES):
                                continue
                    except OSError:
                        continue
                from pathlib import Path

                return Path(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


# -- checking a configuration against the rules ---------------------------------------------------


def selector_matches(selector: str, rule: Any) -> bool:
    """``ALL``, a code (``RL201``), a code prefix (``RL2``), a rule name or a category. ``rule``
    is anything with ``code``, ``name`` and ``category``: a rule class or a rule-index entry."""
    wanted = selector.strip()
    if not wanted:
        return False
    if wanted.upper() == "ALL":
        return True
    if wanted == rule.name or wanted.lower() == rule.category:
        return True
    return rule.code.startswith(wanted.upper())


def validate_config(config: Config, rules: list[Any]) -> None:
    """Every selector must match a rule, every severity and option must name one, and every
    option must be one the rule has. Raises :class:`ConfigError` naming file, line and key."""
    groups = {
        "select": config.select or [],
        "extend-select": config.extend_select,
        "ignore": config.ignore,
        "extend-ignore": config.extend_ignore,
    }
    for pattern, codes in config.per_file_ignores.items():
        groups[f"per-file-ignores.{pattern}"] = codes
    for key, selectors in groups.items():
        for selector in selectors:
            if not any(selector_matches(selector, rule) for rule in rules):
                raise ConfigError(f"{config.where(key)}: {key}: 没有这条规则 (no rule matches {selector!r})")
    by_name = {rule.code: rule for rule in rules} | {rule.name: rule for rule in rules}

    def lookup(key: str) -> Any:  # as Registry.rule: a code in any case, or a name
        return by_name.get(key.strip().upper()) or by_name.get(key.strip())

    for key in (*config.severity, *config.rule_options):
        if lookup(key) is None:
            raise ConfigError(f"{config.where(key)}: 没有这条规则 (unknown rule {key!r})")
    for key, options in config.rule_options.items():
        rule = lookup(key)
        for name in options:
            if name not in rule.options:
                known = ", ".join(rule.options) or "none"
                raise ConfigError(
                    f"{config.where(f'rules.{key}.{name}')}: rules.{key}.{name}: "
                    f"规则 {rule.code} 没有这个选项 (unknown option; known: {known})"
                )
