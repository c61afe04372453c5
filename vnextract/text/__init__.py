"""The text layer: normalisation with offset maps, sentences and word tokens."""

from vnextract.text.document import TextDoc
from vnextract.text.normalize import NormalizedText, fold_tone_placement, normalize, normalize_key
from vnextract.text.tokenize import Token, align_pieces, segment_words, split_sentences

__all__ = [
    "NormalizedText",
    "TextDoc",
    "Token",
    "align_pieces",
    "fold_tone_placement",
    "normalize",
    "normalize_key",
    "segment_words",
    "split_sentences",
]
