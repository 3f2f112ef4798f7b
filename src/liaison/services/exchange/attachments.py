"""Files attached to messages: streamed to disk while they arrive (never held in
memory), stored once per content under the data directory, read only by those
who may read the message."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from liaison.domain.errors import InvalidInput, NotFound, PayloadTooLarge
from liaison.domain.permissions import Permission
from liaison.services import audit
from liaison.services.exchange.cases import require_exchange
from liaison.services.exchange.messages import fold, visible_message
from liaison.services.exchange.views import AttachmentView
from liaison.services.principals import Principal
from liaison.store import schema


@dataclass(frozen=True)
class Upload:
    """A received file, still in a temporary place until `attach` keeps it."""

    path: Path
    size: int
    sha256: str


# Types a browser shows without running anything in the site's origin. Anything
# else a sender declares (text/html, application/javascript, image/svg+xml…) is
# served as opaque bytes: a message must not become a page of ours.
INERT_TYPES = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain", "text/csv", "application/zip"}
)
OPAQUE = "application/octet-stream"


def served_content_type(declared: str | None) -> str:
    """The Content-Type an attachment is served with: the declared one only if inert."""
    media_type = (declared or "").split(";", 1)[0].strip().lower()
    if media_type not in INERT_TYPES:
        return OPAQUE
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def directory(data_dir: Path) -> Path:
    return data_dir / "attachments"


async def receive_upload(chunks: AsyncIterator[bytes], data_dir: Path, limit: int) -> Upload:
    """Write the arriving bytes to a temporary file, hashing them; refuse past `limit`."""
    folder = directory(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix="upload-", delete=False)  # noqa: SIM115
    path = Path(handle.name)
    try:
        with handle:
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise PayloadTooLarge(f"the attachment is larger than the {limit}-byte limit")
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Upload(path=path, size=size, sha256=digest.hexdigest())


def _clean_filename(filename: str) -> str:
    name = os.path.basename(filename.replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable())[:255]
    if not name or name in (".", ".."):
        raise InvalidInput("filename: give the file's name")
    return name


def check_can_attach(session: Session, principal: Principal, message_id: int) -> schema.CaseMessage:
    """The message, if the principal's agency sent it: checked before the upload (and
    again in the transaction that keeps the file)."""
    require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    message = visible_message(session, principal, message_id)
    if message.sender_agency_id != principal.agency_id:
        raise NotFound(f"no message {message_id} of your agency to attach a file to")
    return message


def attach(
    session: Session,
    principal: Principal,
    message_id: int,
    *,
    filename: str,
    content_type: str,
    upload: Upload,
    data_dir: Path,
) -> AttachmentView:
    """Keep an uploaded file with a message of the principal's agency."""
    try:
        name = _clean_filename(filename)
        message = check_can_attach(session, principal, message_id)
        if upload.size == 0:
            raise InvalidInput("body: the file is empty")
        # Stored by content: the same file attached twice (or passed on) is kept once.
        kept = directory(data_dir) / upload.sha256
        if kept.exists():
            upload.path.unlink(missing_ok=True)
        else:
            upload.path.replace(kept)
    except BaseException:
        upload.path.unlink(missing_ok=True)
        raise
    row = schema.MessageAttachment(
        message_id=message.id,
        filename=name,
        content_type=(content_type or "application/octet-stream")[:100],
        size=upload.size,
        sha256=upload.sha256,
        stored_as=upload.sha256,
    )
    session.add(row)
    message.search_text = message.search_text + "\n" + fold(name)
    session.flush()
    audit.record(
        session, "exchange_attachment_added", principal=principal, object_type="case_message",
        object_id=message.id, detail={"attachment": row.id, "size": upload.size},
    )  # fmt: skip
    return AttachmentView.of(row)


def open_attachment(
    session: Session, principal: Principal, attachment_id: int, data_dir: Path
) -> tuple[schema.MessageAttachment, Path]:
    row = session.get(schema.MessageAttachment, attachment_id)
    if row is None:
        raise NotFound(f"no attachment {attachment_id} for your agency")
    try:
        visible_message(session, principal, row.message_id)
    except NotFound:
        raise NotFound(f"no attachment {attachment_id} for your agency") from None
    audit.record(
        session, "exchange_attachment_read", principal=principal, object_type="message_attachment",
        object_id=row.id,
    )  # fmt: skip
    return row, directory(data_dir) / row.stored_as
