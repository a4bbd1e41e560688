"""Write the OpenAPI 3.1 description of lexdigest's HTTP/JSON API, generated from ``proto/``.

Run from the repository root (``scripts/genproto.py`` runs it too, so the generated code and
this description never drift apart)::

    python scripts/genopenapi.py          # write server/src/lexdigest/serve/web/openapi.json
    python scripts/genopenapi.py --check  # exit 1 when the checked-in file differs

The ``google.api.http`` rules of the service are the only source of the paths; each schema is
the canonical proto3 JSON mapping of one message (lowerCamelCase names, enums as their names,
64-bit integers as strings, ``Timestamp`` as an RFC 3339 string), and each description is the
proto comment of its element. Only the messages reachable from an HTTP method are described,
plus ``google.rpc.Status``, the body of every error, and the error details it carries.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "proto"
OUT = ROOT / "server" / "src" / "lexdigest" / "serve" / "web" / "openapi.json"
SERVICE = "lexdigest.v1.DigestService"
FILES = ["lexdigest/v1/digest.proto", "google/rpc/status.proto",
         "google/rpc/error_details.proto"]
STATUS = "google.rpc.Status"
ERROR_DETAILS = ["google.rpc.BadRequest", "google.rpc.RetryInfo"]
NDJSON = "application/x-ndjson"

# descriptor.proto field numbers used in SourceCodeInfo paths.
_MESSAGE, _ENUM, _SERVICE = 4, 5, 6
_FIELD, _NESTED, _NESTED_ENUM, _METHOD, _VALUE = 2, 3, 4, 2, 2

# The JSON form of the well-known types that have a special mapping.
_WELL_KNOWN: dict[str, dict[str, Any]] = {
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time",
                                  "description": "RFC 3339 time, such as "
                                  "\"2025-02-11T08:30:00Z\"."},
    "google.protobuf.Duration": {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]{1,9})?s$",
                                 "description": "Seconds with an \"s\" suffix, such as "
                                 "\"1.5s\"."},
    "google.protobuf.Any": {"type": "object", "required": ["@type"],
                            "properties": {"@type": {"type": "string"}},
                            "additionalProperties": True,
                            "description": "A message of the type named by \"@type\" (such "
                                           "as \"type.googleapis.com/google.rpc.BadRequest\"), "
                                           "with that message's fields beside it."},
}


def descriptor_set() -> Any:
    """The ``FileDescriptorSet`` of ``FILES`` with their imports and comments (via protoc)."""
    import google.api.annotations_pb2 as annotations_pb2
    import grpc_tools
    from google.protobuf import descriptor_pb2

    googleapis = Path(annotations_pb2.__file__).resolve().parent.parent.parent
    wkt = Path(grpc_tools.__file__).parent / "_proto"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "set.binpb"
        subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTO_ROOT}",
                        f"-I{googleapis}", f"-I{wkt}", f"--descriptor_set_out={out}",
                        "--include_imports", "--include_source_info", *FILES], check=True)
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString(out.read_bytes())
    return fds


class _Index:
    """Messages, enums and comments of a descriptor set, by full name."""

    def __init__(self, fds: Any) -> None:
        self.messages: dict[str, Any] = {}
        self.enums: dict[str, Any] = {}
        self.services: dict[str, Any] = {}
        self.comments: dict[str, str] = {}
        for f in fds.file:
            where = {tuple(loc.path): loc.leading_comments for loc in f.source_code_info.location}
            pkg = f.package
            for i, m in enumerate(f.message_type):
                self._message(m, f"{pkg}.{m.name}", (_MESSAGE, i), where)
            for i, e in enumerate(f.enum_type):
                self._enum(e, f"{pkg}.{e.name}", (_ENUM, i), where)
            for i, s in enumerate(f.service):
                name = f"{pkg}.{s.name}"
                self.services[name] = s
                self._comment(name, where, (_SERVICE, i))
                for j, m in enumerate(s.method):
                    self._comment(f"{name}.{m.name}", where, (_SERVICE, i, _METHOD, j))

    def _comment(self, name: str, where: dict[tuple[int, ...], str],
                 path: tuple[int, ...]) -> None:
        text = where.get(path, "")
        lines = [line[1:] if line.startswith(" ") else line for line in text.splitlines()]
        self.comments[name] = "\n".join(lines).strip()

    def _message(self, m: Any, name: str, path: tuple[int, ...],
                 where: dict[tuple[int, ...], str]) -> None:
        self.messages[name] = m
        self._comment(name, where, path)
        for j, fld in enumerate(m.field):
            self._comment(f"{name}.{fld.name}", where, (*path, _FIELD, j))
        for k, nested in enumerate(m.nested_type):
            self._message(nested, f"{name}.{nested.name}", (*path, _NESTED, k), where)
        for k, e in enumerate(m.enum_type):
            self._enum(e, f"{name}.{e.name}", (*path, _NESTED_ENUM, k), where)

    def _enum(self, e: Any, name: str, path: tuple[int, ...],
              where: dict[tuple[int, ...], str]) -> None:
        self.enums[name] = e
        self._comment(name, where, path)
        for j, v in enumerate(e.value):
            self._comment(f"{name}.{v.name}", where, (*path, _VALUE, j))


def http_rules(service: Any) -> list[tuple[Any, str, str]]:
    """(method, HTTP verb, path) of each method of ``service`` with a ``google.api.http`` rule."""
    import google.api.annotations_pb2 as annotations_pb2
    from google.api import http_pb2
    from google.protobuf import descriptor_pb2

    out = []
    for m in service.method:
        options = descriptor_pb2.MethodOptions()
        options.ParseFromString(m.options.SerializeToString())
        if not options.HasExtension(annotations_pb2.http):
            continue
        rule: http_pb2.HttpRule = options.Extensions[annotations_pb2.http]
        verb = rule.WhichOneof("pattern")
        if verb is None or verb == "custom":
            raise SystemExit(f"{m.name}: only get/put/post/delete/patch rules are supported")
        out.append((m, verb, getattr(rule, verb)))
    return out


def _scalar(fld: Any) -> dict[str, Any]:
    from google.protobuf.descriptor_pb2 import FieldDescriptorProto as F

    t = fld.type
    if t == F.TYPE_STRING:
        return {"type": "string"}
    if t == F.TYPE_BOOL:
        return {"type": "boolean"}
    if t in (F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32):
        return {"type": "integer", "format": "int32"}
    if t in (F.TYPE_UINT32, F.TYPE_FIXED32):
        return {"type": "integer", "format": "int32", "minimum": 0}
    if t in (F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64, F.TYPE_UINT64, F.TYPE_FIXED64):
        return {"type": "string", "format": "int64", "pattern": "^-?[0-9]+$"}
    if t == F.TYPE_DOUBLE:
        return {"type": "number", "format": "double"}
    if t == F.TYPE_FLOAT:
        return {"type": "number", "format": "float"}
    if t == F.TYPE_BYTES:
        return {"type": "string", "contentEncoding": "base64"}
    raise SystemExit(f"unsupported field type {t} of {fld.name}")


class _Builder:
    def __init__(self, index: _Index) -> None:
        self.index = index
        self.schemas: dict[str, dict[str, Any]] = {}

    def ref(self, type_name: str) -> dict[str, Any]:
        name = type_name.lstrip(".")
        if name not in self.schemas:
            self.schemas[name] = {}  # placeholder: breaks cycles
            self.schemas[name] = self._schema(name)
        return {"$ref": f"#/components/schemas/{name}"}

    def _schema(self, name: str) -> dict[str, Any]:
        if name in _WELL_KNOWN:
            return dict(_WELL_KNOWN[name])
        if name in self.index.enums:
            e = self.index.enums[name]
            return self._described(name, {"type": "string",
                                          "enum": [v.name for v in e.value]}, enum=e)
        m = self.index.messages[name]
        props = {}
        for fld in m.field:
            props[fld.json_name] = self._field(name, m, fld)
        return self._described(name, {"type": "object", "properties": props,
                                      "additionalProperties": False})

    def _field(self, owner: str, message: Any, fld: Any) -> dict[str, Any]:
        from google.protobuf.descriptor_pb2 import FieldDescriptorProto as F

        if fld.type in (F.TYPE_MESSAGE, F.TYPE_ENUM):
            entry = self.index.messages.get(fld.type_name.lstrip("."))
            if entry is not None and entry.options.map_entry:
                value = next(f for f in entry.field if f.name == "value")
                item = self._field(owner, entry, value)
                return {"type": "object", "additionalProperties": item}
            item = self.ref(fld.type_name)
        else:
            item = _scalar(fld)
        schema: dict[str, Any] = ({"type": "array", "items": item}
                                  if fld.label == F.LABEL_REPEATED else item)
        description = self.index.comments.get(f"{owner}.{fld.name}", "")
        if fld.HasField("oneof_index") and not fld.proto3_optional:
            oneof = message.oneof_decl[fld.oneof_index].name
            others = [f.json_name for f in message.field if f.HasField("oneof_index")
                      and f.oneof_index == fld.oneof_index]
            description += (f"\n\nOne of `{oneof}`: at most one of "
                            + ", ".join(f"`{o}`" for o in others) + " is set.")
        if description:
            # A $ref beside other keywords is allowed in OpenAPI 3.1 (JSON Schema 2020-12).
            schema = {**schema, "description": description.strip()}
        return schema

    def _described(self, name: str, schema: dict[str, Any],
                   enum: Any | None = None) -> dict[str, Any]:
        description = self.index.comments.get(name, "")
        if enum is not None:
            values = [f"- `{v.name}`: {self.index.comments.get(f'{name}.{v.name}', '')}"
                      for v in enum.value]
            description = (description + "\n\n" + "\n".join(values)).strip()
        return {"description": description, **schema} if description else schema


def build(fds: Any) -> dict[str, Any]:
    """The OpenAPI document of the service's HTTP rules."""
    index = _Index(fds)
    builder = _Builder(index)
    service = index.services[SERVICE]
    status = builder.ref(STATUS)
    for name in ERROR_DETAILS:
        builder.ref(name)
    paths: dict[str, dict[str, Any]] = {}
    for method, verb, path in http_rules(service):
        streaming = method.client_streaming or method.server_streaming
        media = NDJSON if streaming else "application/json"
        comment = index.comments.get(f"{SERVICE}.{method.name}", "")
        paths.setdefault(path, {})[verb] = {
            "operationId": method.name,
            "summary": comment.split(".")[0].replace("\n", " ") + ".",
            "description": comment,
            "parameters": [{"$ref": "#/components/parameters/timeout"},
                           {"$ref": "#/components/parameters/grpcTimeout"}],
            "requestBody": {"required": True, "content": {media: {
                "schema": builder.ref(method.input_type)}}},
            "responses": {
                "200": {"description": "One `" + method.output_type.rsplit(".", 1)[-1]
                        + "` per line, each written when ready." if streaming
                        else "The result.",
                        "content": {media: {"schema": builder.ref(method.output_type)}}},
                "default": {"description": "The call failed: a `google.rpc.Status` whose "
                            "`code` is the gRPC status code; the HTTP status is the standard "
                            "mapping of that code (400 INVALID_ARGUMENT, 401 UNAUTHENTICATED, "
                            "429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE, 504 DEADLINE_EXCEEDED, "
                            "...).", "content": {"application/json": {"schema": status}}},
            },
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "lexdigest",
            "version": "v1",
            "description": index.comments.get(SERVICE, "") + "\n\nGenerated from "
            "proto/lexdigest/v1/digest.proto by scripts/genopenapi.py: the same calls as the "
            "gRPC service, as JSON over HTTP.",
        },
        "paths": paths,
        "security": [{}, {"bearerAuth": []}],
        "components": {
            "securitySchemes": {"bearerAuth": {
                "type": "http", "scheme": "bearer",
                "description": "Required when the server runs with an auth token: "
                "`Authorization: Bearer <token>`; without it calls get 401."}},
            "parameters": {
                "timeout": {"name": "timeout", "in": "query", "required": False,
                            "description": "Deadline of the call: seconds, as a number "
                            "(\"2.5\") or a JSON duration (\"2.5s\"). The server caps it at "
                            "its --max-call-seconds.",
                            "schema": {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?s?$"}},
                "grpcTimeout": {"name": "grpc-timeout", "in": "header", "required": False,
                                "description": "Deadline of the call in gRPC's form: an "
                                "integer and a unit, H, M, S, m (ms), u (µs) or n (ns), such "
                                "as \"1500m\". `timeout` wins when both are given.",
                                "schema": {"type": "string", "pattern": "^[0-9]{1,8}[HMSmun]$"}},
            },
            "schemas": dict(sorted(builder.schemas.items())),
        },
    }


def render() -> str:
    """The file's text: the document as indented JSON with a final newline."""
    return json.dumps(build(descriptor_set()), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"differs: {OUT}")
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
