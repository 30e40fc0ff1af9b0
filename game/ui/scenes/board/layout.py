"""Where the board's parts sit: the map, the panels left and right, the action bar and the
hand below the map (or, with no hand on screen, the room view in its place)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import theme as th


@dataclass
class Layout:
    left: pygame.Rect
    map: pygame.Rect
    right: pygame.Rect
    factions: pygame.Rect
    log: pygame.Rect
    strip: pygame.Rect
    bar: pygame.Rect
    hand: pygame.Rect
    top_buttons: pygame.Rect


def board_layout(t: th.Theme, size: tuple[int, int], n_factions: int) -> Layout:
    """The board's panels. The map has the same rectangle whether the strip below it holds
    the hand or the room view's last actions, so nothing on the map moves between them."""
    w, h = size
    m = t.px(8)
    right_w = max(t.tpx(320), round(w * 0.235))
    right_w = min(right_w, round(w * 0.30))
    left_w = min(max(t.tpx(190), round(w * 0.145)), round(w * 0.17))
    strip_h = strip_height(t, h)
    bar_h = t.tpx(62)
    strip = pygame.Rect(m, h - strip_h, w - right_w - 2 * m, strip_h - m)
    bar = pygame.Rect(strip.x, strip.y, strip.w, bar_h)
    hand = pygame.Rect(strip.x, bar.bottom + t.px(6), strip.w, strip.bottom - bar.bottom - t.px(6))
    left = pygame.Rect(m, m, left_w, strip.y - 2 * m)
    mp = pygame.Rect(left.right + m, m, w - right_w - left.right - 2 * m, strip.y - 2 * m)
    right = pygame.Rect(w - right_w, m, right_w - m, h - 2 * m)
    top_buttons = pygame.Rect(right.x, right.y, right.w, t.tpx(40))
    factions = pygame.Rect(right.x, top_buttons.bottom + m, right.w, factions_height(t, n_factions))
    log = pygame.Rect(right.x, factions.bottom + m, right.w, right.bottom - factions.bottom - m)
    return Layout(left, mp, right, factions, log, strip, bar, hand, top_buttons)


def strip_height(t: th.Theme, h: int) -> int:
    """The strip below the map: the action bar and the hand, or the room view's lines."""
    return min(round(h * 0.36), max(round(h * 0.30), t.tpx(250)))


def factions_height(t: th.Theme, n_factions: int) -> int:
    """The factions panel: a heading, then one row per faction (name over a line of numbers)."""
    row = max(t.tpx(40), t.font("small").get_linesize() + t.font("tiny").get_linesize() + t.px(6))
    return t.font("tiny_bold").get_linesize() + t.px(14) + n_factions * (row + t.px(3))


def card_size(t: th.Theme, hand: pygame.Rect, n: int) -> tuple[int, int]:
    """The size of each of `n` cards in the hand: as wide as the height allows, narrower
    when they would not fit side by side."""
    h = hand.h - t.px(6)
    w = max(round(h * 0.92), t.tpx(170))
    gap = t.px(10)
    if n and n * w + (n - 1) * gap > hand.w:
        w = (hand.w - (n - 1) * gap) // n
    return w, h
