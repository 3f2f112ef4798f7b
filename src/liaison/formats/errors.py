"""The one error a reader raises for input it cannot read."""

from __future__ import annotations

from liaison.domain.errors import InvalidInput


class ParseError(InvalidInput):
    """A message that cannot be read, located precisely enough for an analyst to act.

    ``reference`` is the message reference (UNH) when known, ``tag`` the segment
    tag, ``segment_index`` the 0-based position of the segment in the interchange,
    ``byte_offset`` the offset of the segment's first byte in the input, and
    ``element`` the element at fault as ``TAG`` position (``"TVL 01:2"`` style:
    element 1, component 2, both 1-based as in the implementation guides), and
    ``code`` the case in ``formats.catalogue`` when the reader names one.
    """

    def __init__(
        self,
        reason: str,
        *,
        reference: str | None = None,
        tag: str | None = None,
        segment_index: int | None = None,
        byte_offset: int | None = None,
        element: str | None = None,
        code: str | None = None,
    ) -> None:
        self.reason = reason
        self.code = code
        self.reference = reference
        self.tag = tag
        self.segment_index = segment_index
        self.byte_offset = byte_offset
        self.element = element
        super().__init__(self._describe())

    def _describe(self) -> str:
        where: list[str] = []
        if self.reference is not None:
            where.append(f"message {self.reference}")
        if self.tag is not None:
            where.append(f"segment {self.tag}")
        if self.segment_index is not None:
            where.append(f"#{self.segment_index}")
        if self.byte_offset is not None:
            where.append(f"at byte {self.byte_offset}")
        if self.element is not None:
            where.append(f"element {self.element}")
        prefix = " ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def located(
        self,
        *,
        reference: str | None = None,
        tag: str | None = None,
        segment_index: int | None = None,
        byte_offset: int | None = None,
        element: str | None = None,
    ) -> ParseError:
        """A copy with missing location fields filled in (outer readers know more)."""
        return ParseError(
            self.reason,
            reference=self.reference if self.reference is not None else reference,
            tag=self.tag if self.tag is not None else tag,
            segment_index=self.segment_index if self.segment_index is not None else segment_index,
            byte_offset=self.byte_offset if self.byte_offset is not None else byte_offset,
            element=self.element if self.element is not None else element,
            code=self.code,
        )

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "reason": self.reason,
            "reference": self.reference,
            "tag": self.tag,
            "segment_index": self.segment_index,
            "byte_offset": self.byte_offset,
            "element": self.element,
            "code": self.code,
        }
