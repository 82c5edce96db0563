"""Raster logos decoded in full, within a pixel bound: a header alone says nothing about the rest.

A file whose header is right can still be truncated, corrupt or another format behind the name;
browsers then show a broken image. Pillow decodes every frame here, after the pixel size from the
header has been checked against the bound (so a small file declaring a huge canvas is never
decoded), with Pillow's decompression-bomb warning turned into a refusal as a second guard.
"""

from __future__ import annotations

import io
import warnings

# What each accepted suffix must really be, in Pillow's format names.
FORMATS = {".png": "PNG", ".webp": "WEBP", ".jpg": "JPEG", ".jpeg": "JPEG"}
MAX_PIXELS = 4000 * 4000  # per frame: the side limit of klimapakt.rules.logos
MAX_TOTAL_PIXELS = 4 * MAX_PIXELS  # all frames of an animated PNG or WebP together (about 256 MB as RGBA)
MAX_FRAMES = 200


def decode_problem(data: bytes, suffix: str, filename: str) -> str | None:
    """Why `data` is no complete, decodable image of the format its suffix names (German), or None."""
    from PIL import Image, ImageSequence

    kind = suffix[1:].upper()
    unreadable = (f"„{filename}“ ließ sich nicht als {kind}-Bild lesen (die Datei ist beschädigt, unvollständig oder "
                  f"in Wahrheit ein anderes Format). Bitte das Logo neu als {kind} speichern und hochladen.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[FORMATS[suffix]]) as image:
                frames = getattr(image, "n_frames", 1)
                if image.width * image.height > MAX_PIXELS or frames > MAX_FRAMES \
                        or image.width * image.height * frames > MAX_TOTAL_PIXELS:
                    return (f"„{filename}“ ist zu groß zum Anzeigen ({image.width} × {image.height} Pixel, {frames} "
                            f"{'Bild' if frames == 1 else 'Bilder'}). Bitte verkleinert oder ohne Animation speichern.")
                for frame in ImageSequence.Iterator(image):
                    frame.load()
    except Exception:  # noqa: BLE001  Pillow's decoders raise OSError, SyntaxError, struct.error, … on bad data
        return unreadable
    return None
