"""Shell completion scripts for ``lexdigest``, generated from its argument parser.

    $ eval "$(lexdigest completion bash)"      # bash, e.g. in ~/.bashrc
    $ eval "$(lexdigest completion zsh)"       # zsh, e.g. in ~/.zshrc
    $ lexdigest completion fish > ~/.config/fish/completions/lexdigest.fish

Commands, their options, the values of options with choices (``--format``, ``--ordering``)
and file names for paths are completed.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

FILE_OPTIONS = {"--output", "-o", "--ca", "--cert", "--key"}


@dataclass
class _Command:
    help: str = ""
    options: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)  # options that take no value
    choices: dict[str, list[str]] = field(default_factory=dict)
    positional_choices: list[str] = field(default_factory=list)
    groups: list[tuple[list[str], str]] = field(default_factory=list)  # (spellings, help)


def _commands(parser: argparse.ArgumentParser) -> dict[str, _Command]:
    out: dict[str, _Command] = {}
    for action in parser._actions:  # argparse exposes no public walk of subcommands
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {a.dest: a.help or "" for a in action._choices_actions}
        for name, sub in action.choices.items():
            cmd = _Command(help=helps.get(name, ""))
            for a in sub._actions:
                if not a.option_strings:
                    if a.choices:
                        cmd.positional_choices = [str(c) for c in a.choices]
                    continue
                cmd.options.extend(a.option_strings)
                cmd.groups.append((list(a.option_strings), a.help or ""))
                for o in a.option_strings:
                    if a.nargs == 0:
                        cmd.flags.add(o)
                    if a.choices:
                        cmd.choices[o] = [str(c) for c in a.choices]
            out[name] = cmd
    return out


def _bash(cmds: dict[str, _Command]) -> str:
    names = " ".join(cmds)
    cases = []
    for c, cmd in cmds.items():
        value_cases = []
        for o, values in cmd.choices.items():
            value_cases.append(f'      {o}) COMPREPLY=($(compgen -W "{" ".join(values)}" '
                               '-- "$cur")); return ;;')
        files = "|".join(sorted(o for o in cmd.options if o in FILE_OPTIONS))
        if files:
            value_cases.append(f'      {files}) COMPREPLY=($(compgen -f -- "$cur")); return ;;')
        takes_value = sorted(o for o in cmd.options
                             if o not in cmd.flags and o not in cmd.choices
                             and o not in FILE_OPTIONS)
        if takes_value:
            value_cases.append(f"      {'|'.join(takes_value)}) return ;;")
        positional = (f'COMPREPLY=($(compgen -W "{" ".join(cmd.positional_choices)}" '
                      '-- "$cur"))' if cmd.positional_choices
                      else 'COMPREPLY=($(compgen -f -- "$cur"))')
        cases.append(
            f"    {c})\n"
            f"      case \"$prev\" in\n" + "\n".join(value_cases) + "\n      esac\n"
            f"      if [[ \"$cur\" == -* ]]; then\n"
            f"        COMPREPLY=($(compgen -W \"{' '.join(cmd.options)}\" -- \"$cur\"))\n"
            f"      else\n        {positional}\n      fi ;;")
    body = "\n".join(cases)
    return f"""# bash completion for lexdigest: eval "$(lexdigest completion bash)"
_lexdigest() {{
  local cur prev cmd i
  COMPREPLY=()
  cur="${{COMP_WORDS[COMP_CWORD]}}"
  prev="${{COMP_WORDS[COMP_CWORD-1]}}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${{COMP_WORDS[i]}}" in
      -*) ;;
      *) cmd="${{COMP_WORDS[i]}}"; break ;;
    esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "{names} --help --version" -- "$cur"))
    return
  fi
  case "$cmd" in
{body}
  esac
}}
complete -o filenames -o bashdefault -F _lexdigest lexdigest
"""


def _zsh(cmds: dict[str, _Command]) -> str:
    return ("#compdef lexdigest\n# zsh completion for lexdigest: eval \"$(lexdigest completion "
            "zsh)\"\n(( $+functions[compdef] )) || { autoload -U +X compinit && compinit }\n"
            "autoload -U +X bashcompinit && bashcompinit\n" + _bash(cmds).split("\n", 1)[1])


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish(cmds: dict[str, _Command]) -> str:
    names = " ".join(cmds)
    lines = ["# fish completion for lexdigest: lexdigest completion fish > "
             "~/.config/fish/completions/lexdigest.fish",
             "complete -c lexdigest -f",
             "complete -c lexdigest -n '__fish_use_subcommand' -l version "
             "-d 'show the version'"]
    for c, cmd in cmds.items():
        lines.append(f"complete -c lexdigest -n '__fish_use_subcommand' -a {c} "
                     f"-d {_fish_quote(cmd.help)}")
    for c, cmd in cmds.items():
        when = f"-n '__fish_seen_subcommand_from {c}'"
        if cmd.positional_choices:
            lines.append(f"complete -c lexdigest {when} -a "
                         f"{_fish_quote(' '.join(cmd.positional_choices))}")
        else:
            lines.append(f"complete -c lexdigest {when} -F")
        for spellings, help_text in cmd.groups:
            if "-h" in spellings:
                continue
            o = spellings[-1]
            spec = " ".join(f"-l {x[2:]}" if x.startswith("--") else f"-s {x[1:]}"
                            for x in spellings)
            extra = ""
            if o in cmd.choices:
                extra = f" -x -a {_fish_quote(' '.join(cmd.choices[o]))}"
            elif o in FILE_OPTIONS:
                extra = " -r -F"
            elif o not in cmd.flags:
                extra = " -x"
            desc = help_text.replace("%(default)s", "").split(";")[0].strip()
            desc = desc if len(desc) <= 60 else desc[:57].rstrip() + "..."
            lines.append(f"complete -c lexdigest {when} {spec}{extra} -d {_fish_quote(desc)}")
    return "\n".join(lines) + f"\n# commands: {names}\n"


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script of ``shell`` (bash, zsh or fish)."""
    cmds = _commands(parser)
    if shell == "bash":
        return _bash(cmds)
    if shell == "zsh":
        return _zsh(cmds)
    if shell == "fish":
        return _fish(cmds)
    raise ValueError(f"unknown shell {shell!r}; choose bash, zsh or fish")
