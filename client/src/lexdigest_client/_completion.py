"""Shell completion scripts for ``lexdigest``, generated from its argument parser."""

from __future__ import annotations

import argparse


def _commands(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for action in parser._actions:  # argparse exposes no public walk of subcommands
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out[name] = sorted(o for a in sub._actions for o in a.option_strings)
    return out


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script of ``shell`` (bash, zsh or fish)."""
    cmds = _commands(parser)
    names = " ".join(cmds)
    if shell in ("bash", "zsh"):
        cases = "\n".join(f'    {c}) opts="{" ".join(o)}" ;;' for c, o in cmds.items())
        body = f"""_lexdigest() {{
  local cur cmd opts
  cur="${{COMP_WORDS[COMP_CWORD]}}"
  cmd="${{COMP_WORDS[1]}}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "{names} --help --version" -- "$cur"))
    return
  fi
  case "$cmd" in
{cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -F _lexdigest lexdigest
"""
        if shell == "zsh":
            return "autoload -U +X bashcompinit && bashcompinit\n" + body
        return body
    lines = [f"complete -c lexdigest -f -n '__fish_use_subcommand' -a '{names}'"]
    for c, opts in cmds.items():
        for o in opts:
            if o.startswith("--"):
                lines.append(f"complete -c lexdigest -n '__fish_seen_subcommand_from {c}' "
                             f"-l {o[2:]}")
    return "\n".join(lines) + "\n"
