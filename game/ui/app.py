"""The window, the event loop and the scene stack (`python -m game`).

A scene is one screen (menu, setup, board, hand-off, summit, end, pause, dialogs).
Scenes stack: an overlay (pause, summit, a dialog) sits above the board, which keeps
drawing beneath it while only the top scene gets input. Widgets come from pygame_gui;
each scene keeps its widgets in one container, hidden while the scene is covered and
rebuilt when the window size or the text size changes.

The loop redraws only when something changed (an event, an animation, a bot's step)
and is capped at 60 frames per second; when idle it sleeps in `pygame.event.wait`.
"""

from __future__ import annotations

import io
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
from pygame_gui.core import UIContainer  # noqa: E402

from game.files import atomic_write  # noqa: E402
from game.i18n import _, set_language
from game.ui import notices  # noqa: E402
from game.ui import theme as th  # noqa: E402
from game.ui.data_dir import Settings, write_problem  # noqa: E402
from game.ui.rulebook import Loaded, Rulebook  # noqa: E402
from game.ui.text_input import clean_text, pasted_text  # noqa: E402

if TYPE_CHECKING:
    from game.ruleset.model import Ruleset

DEFAULT_SIZE = (1600, 900)
MIN_SIZE = (1024, 600)
FPS = 60
IDLE_WAIT_MS = 250
GUI_SETTLE = 0.35
"""Seconds of redrawing after an event, so pygame_gui's hover and press states show."""
BOT_PACES = {"slow": 1.0, "normal": 0.6, "fast": 0.25}
MAX_DT = 0.5
NOTICE_SECONDS = 8.0
"""How long a notice (a write that failed …) stays on screen."""


class Scene:
    """One screen. Subclasses build widgets in `build()` and draw the rest in `draw()`."""

    opaque = True
    """False for overlays: the scene beneath is drawn first."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.root: UIContainer | None = None
        self.actions: dict[Any, Callable[[], None]] = {}

    # widgets ------------------------------------------------------------------------------------
    def _make_root(self) -> UIContainer:
        w, h = self.app.size
        root = UIContainer(pygame.Rect(0, 0, w, h), self.app.gui, starting_height=self.app.depth_of(self) * 4 + 1)
        return root

    def rebuild(self) -> None:
        if self.root is not None:
            self.root.kill()
        self.actions = {}
        self.root = self._make_root()
        self.build()
        if self in self.app.scenes and self.app.top is not self:
            self.root.hide()  # rebuilt while covered: its widgets wait until it is on top

    def build(self) -> None:
        """Create this scene's widgets inside `self.root`."""

    def button(
        self, rect: pygame.Rect, text: str, action: Callable[[], None], cls: str = "", tip: str | None = None, enabled: bool = True, oid: str | None = None
    ) -> pygame_gui.elements.UIButton:
        b = pygame_gui.elements.UIButton(
            rect,
            text,
            self.app.gui,
            container=self.root,
            tool_tip_text=tip,
            object_id=pygame_gui.core.ObjectID(class_id=f"@{cls}" if cls else None, object_id=f"#{oid}" if oid else None),
        )
        if not enabled:
            b.disable()
        self.actions[b] = action
        return b

    def show(self) -> None:
        if self.root is not None:
            self.root.show()

    def hide(self) -> None:
        if self.root is not None:
            self.root.hide()

    def close(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None

    # life cycle ------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """A pygame event the widgets did not take. True if handled."""
        return False

    def update(self, dt: float) -> bool:
        """Advance time. True if the screen must be redrawn (an animation is running)."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(th.BG)

    def draw_over(self, surface: pygame.Surface) -> None:
        """Drawn after the widgets: hover cards and tooltips that must sit on top."""

    def on_covered(self) -> None:
        self.hide()

    def on_uncovered(self) -> None:
        self.show()

    def on_rules_reloaded(self) -> None:
        """The rules and mods were read from disk again (F5)."""


class App:
    def __init__(
        self,
        size: tuple[int, int] | None = None,
        *,
        rules_dir: str | None = None,
        fullscreen: bool | None = None,
        demo: bool = False,
        seed: int | None = None,
        screenshot: str | None = None,
        quit_after: float | None = None,
        bot_pace: float | None = None,
        mods: tuple[str, ...] = (),
        lang: str | None = None,
    ) -> None:
        self.started = time.perf_counter()
        self.settings = Settings.load()
        register_language_packs()
        # --lang wins, then the language chosen in Settings, then the system's
        set_language(lang or self.settings.language or None)
        self.rules_dir = rules_dir
        self.start_mods = tuple(mods)
        """Mods from the command line (`--mod`): the demo's, and the default choice for new games."""
        self.rulebook = Rulebook(rules_dir, self.start_mods)
        self.facilitator_unlocked = False
        """The facilitator's PIN was given in this session (it is asked once)."""
        self.demo = demo
        self.seed = seed
        self.screenshot_path = screenshot
        self.quit_after = quit_after
        self.bot_pace_override = bot_pace
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        self.windowed_size = size or DEFAULT_SIZE
        self.fullscreen = self.settings.fullscreen if fullscreen is None else fullscreen
        pygame.display.set_caption(_("Center of Gravity"))
        self.screen = self._open_window()
        self.size = self.screen.get_size()
        self.theme = self._make_theme()
        self.gui = self._make_gui()
        self.clock = pygame.time.Clock()
        self.scenes: list[Scene] = []
        self.running = True
        self.exit_code = 0
        self.dirty = True
        self.settle_until = 0.0
        self.frame_times: list[float] = []
        self.drawn_frames = 0
        self.record_frames = False
        self._rules_thread: threading.Thread | None = None
        self._preload_after_first_frame = False
        self._pending_resize: tuple[int, int] | None = None
        self._resize_at = 0.0
        self.first_frame_at: float | None = None
        self._last_step = 0.0
        self.notices: list[tuple[str, float]] = []
        """Sentences shown over every scene (text, when it goes away), newest last."""
        notices.take()  # a notice of an earlier window (tests open many) is not this one's
        self.room_link: Any = None
        """The seminar room (`game.ui.room_link.RoomLink`) while a game with team devices is on screen."""
        self.room_bind = "0.0.0.0"
        self.room_port: int | None = None
        """The room's address (`python -m game host --bind/--port`; None: the usual port)."""
        self._room_failed: object = None

    # ----- window -----------------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self.fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                self.fullscreen = False
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def _make_theme(self) -> th.Theme:
        s = self.settings
        if s.projector:
            return th.Theme(self.size, "projector", "high")
        return th.Theme(self.size, s.text_size)

    def _make_gui(self) -> pygame_gui.UIManager:
        gui = pygame_gui.UIManager(self.size, th.gui_theme(self.theme), enable_live_theme_updates=False)
        italic = str(th.FONT_ITALIC if th.FONT_ITALIC.exists() else th.FONT_REGULAR)
        gui.add_font_paths("cog", str(th.FONT_REGULAR), str(th.FONT_BOLD), italic, str(th.FONT_BOLD))
        sizes = {self.theme.font_px(role) for role in ("body", "small", "h3")}
        gui.preload_fonts([{"name": "cog", "point_size": px, "style": style} for px in sorted(sizes) for style in ("bold", "italic")])
        return gui

    def notify(self, text: str) -> None:
        """Show one sentence over every scene for a few seconds."""
        self.notices = [n for n in self.notices if n[0] != text][-2:] + [(text, time.monotonic() + NOTICE_SECONDS)]
        self.dirty = True

    def save_settings(self) -> bool:
        """Write the settings; on a locked-down or full disk, say so and play on."""
        try:
            self.settings.save()
        except OSError as e:
            self.notify(write_problem(_("the settings"), e))
            return False
        return True

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.settings.fullscreen = self.fullscreen
        self.save_settings()
        if not self.fullscreen:
            self.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        else:
            self.screen = self._open_window()
        self.relayout()

    def relayout(self) -> None:
        """Rebuild fonts, theme and every scene's widgets for the current size and text size."""
        self.screen = pygame.display.get_surface() or self.screen
        self.size = self.screen.get_size()
        self.theme = self._make_theme()
        for s in self.scenes:
            s.close()
        self.gui = self._make_gui()
        for s in self.scenes:
            s.rebuild()
            if s is not self.scenes[-1]:
                s.on_covered()
        self.dirty = True

    # ----- rules ----------------------------------------------------------------------------------
    def preload_rules(self) -> None:
        """Read the rules and check the mods in the background while the menu shows."""

        def work() -> None:
            self.rulebook.load()
            self.rulebook.mods(check=True)

        self._rules_thread = threading.Thread(target=work, name="rules", daemon=True)
        self._rules_thread.start()

    def rules_ready(self) -> bool:
        return self._rules_thread is None or not self._rules_thread.is_alive()

    def rules(self, mods: tuple[str, ...] | None = None) -> Loaded:
        """The rules with `mods` (default: the command line's `--mod`s) and their map."""
        return self.rulebook.load(mods)

    def ruleset(self, mods: tuple[str, ...] | None = None) -> Ruleset | None:
        """The ruleset alone (None when it has errors: see `rules_problems`)."""
        return self.rules(mods).ruleset

    @property
    def rules_problems(self) -> list[str]:
        """The errors of the default rules (empty while they are still loading)."""
        got = self.rulebook.cached()
        if got is None:
            return []
        return [p for p in got.problems if ": warning: " not in p][:20]

    def reload_rules(self) -> None:
        """F5: read the rules and mods from disk again, and tell every screen."""
        if self._rules_thread is not None:
            self._rules_thread.join()
        self.rulebook.reload()
        self.preload_rules()
        for s in list(self.scenes):
            s.on_rules_reloaded()
        self.dirty = True

    # ----- scenes -----------------------------------------------------------------------------------
    def depth_of(self, scene: Scene) -> int:
        return self.scenes.index(scene) if scene in self.scenes else len(self.scenes)

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> Scene:
        if self.scenes:
            self.scenes[-1].on_covered()
        self.scenes.append(scene)
        scene.rebuild()
        self.dirty = True
        return scene

    def pop(self, scene: Scene | None = None) -> None:
        if not self.scenes:
            return
        if scene is not None and self.scenes[-1] is not scene:
            if scene in self.scenes:
                self.scenes.remove(scene)
                scene.close()
            return
        old = self.scenes.pop()
        old.close()
        if self.scenes:
            self.scenes[-1].on_uncovered()
        self.dirty = True

    def replace_all(self, scene: Scene) -> Scene:
        while self.scenes:
            self.scenes.pop().close()
        return self.push(scene)

    def find(self, kind: type) -> Any:
        for s in reversed(self.scenes):
            if isinstance(s, kind):
                return s
        return None

    def bot_pace(self) -> float:
        if self.bot_pace_override is not None:
            return self.bot_pace_override
        return BOT_PACES.get(self.settings.bot_pace, 0.6)

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    # ----- the loop ---------------------------------------------------------------------------------
    def step(self) -> None:
        """One pass of the loop: events, time, and a redraw if anything changed."""
        t0 = time.perf_counter()
        # time since the last pass (capped: a stall or a breakpoint is not a turn's minute)
        dt = min(MAX_DT, t0 - self._last_step) if self._last_step else 0.0
        self._last_step = t0
        events = pygame.event.get()
        for event in events:
            self._dispatch(event)
        for text in notices.take():
            self.notify(text)
        now = time.monotonic()
        if self.notices and self.notices[0][1] <= now:
            self.notices = [n for n in self.notices if n[1] > now]
            self.dirty = True
        if events:
            self.dirty = True
            self.settle_until = now + GUI_SETTLE
        if self._pending_resize is not None and now >= self._resize_at:
            size, self._pending_resize = self._pending_resize, None
            surface = pygame.display.get_surface()
            if surface is None or surface.get_size() != size:
                self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
            self.relayout()
        self.gui.update(dt)
        for s in list(self.scenes):
            if s.update(dt):
                self.dirty = True
        if self._tick_room():
            self.dirty = True
        focused = self.gui.get_focus_set()
        if focused and any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focused):
            self.dirty = True  # the text cursor blinks
        if self.dirty or now < self.settle_until:
            self.draw()
            self.dirty = False
        elapsed = time.perf_counter() - t0
        if self.record_frames:
            self.frame_times.append(elapsed)
        else:
            self.frame_times = self.frame_times[-1:] + [elapsed]
        if self.quit_after is not None and time.perf_counter() - self.started >= self.quit_after:
            self.finish()

    def draw(self) -> None:
        surface = self.screen
        start = len(self.scenes) - 1
        while start > 0 and not self.scenes[start].opaque:
            start -= 1
        for s in self.scenes[start:]:
            s.draw(surface)
        self.gui.draw_ui(surface)
        if self.scenes:
            self.scenes[-1].draw_over(surface)
        if self.notices:
            self._draw_notices(surface)
        if self.room_link is not None:
            self._draw_room_badge(surface)
        pygame.display.flip()
        self.drawn_frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
            if self._preload_after_first_frame:
                self._preload_after_first_frame = False
                self.preload_rules()

    def _draw_notices(self, surface: pygame.Surface) -> None:
        t = self.theme
        font = t.font("small")
        w, h = surface.get_size()
        width = min(w - t.px(40), t.tpx(1100))
        lines = [ln for text, _unused in self.notices for ln in th.wrap_text(font, text, width - t.px(32), 3)]
        box = pygame.Rect(0, 0, width, len(lines) * font.get_linesize() + t.px(20))
        box.midbottom = (w // 2, h - t.px(16))
        th.draw_panel(surface, box, th.PANEL, th.DANGER, t.px(10), max(1, t.px(2)))
        for i, ln in enumerate(lines):
            th.blit_text(surface, font, ln, th.INK, (box.x + t.px(16), box.y + t.px(10) + i * font.get_linesize()))

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            # zero-width, bidi and control characters never reach pygame_gui (see text_input)
            text = clean_text(str(getattr(event, "text", "")))
            if not text and event.type == pygame.TEXTINPUT:
                return
            if text != getattr(event, "text", None):
                event = pygame.event.Event(event.type, {**event.dict, "text": text})
        if event.type == pygame.KEYDOWN and event.key == pygame.K_v and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META) and not event.mod & pygame.KMOD_ALT:
            if self._text_field_focused():
                # paste the clipboard's text cleaned, as if typed (never as it is)
                text = pasted_text()
                if text:
                    self._dispatch(pygame.event.Event(pygame.TEXTINPUT, text=text))
                return
        if event.type == pygame.VIDEORESIZE and not self.fullscreen:
            w, h = max(MIN_SIZE[0], event.w), max(MIN_SIZE[1], event.h)
            self.windowed_size = (w, h)
            self._pending_resize = (w, h)
            self._resize_at = time.monotonic() + 0.12
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.reload_rules()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F3 and self.room_link is not None:
            self.toggle_join_panel()
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            element = getattr(event, "ui_element", None)  # a posted event may lack it (seen under load in tests)
            for s in reversed(self.scenes):
                action = s.actions.get(element)
                if action is not None:
                    action()
                    return
            # not ours: a list item or another composite widget reacts to its own buttons
        if self.gui.process_events(event):
            return
        top = self.top
        if top is not None:
            top.handle(event)

    def _text_field_focused(self) -> bool:
        focused = self.gui.get_focus_set()
        return bool(focused) and any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focused)

    def run(self) -> int:
        while self.running:
            idle = not self.dirty and time.monotonic() >= self.settle_until and not self._animating() and self.quit_after is None
            if idle:
                # with a room, a team's message wakes the loop (ROOM_WAKE); the short wait is a safety net
                event = pygame.event.wait(IDLE_WAIT_MS if self.room_link is None else 50)
                if event.type != pygame.NOEVENT:
                    pygame.event.post(event)
            self.step()
            self.clock.tick(FPS)
        return self.exit_code

    def _animating(self) -> bool:
        return any(getattr(s, "busy", lambda: False)() for s in self.scenes)

    def finish(self) -> None:
        """Quit now, saving a screenshot of the last frame first if one was asked for."""
        if self.screenshot_path:
            self.draw()
            try:
                save_png(self.screen, Path(self.screenshot_path))
            except (OSError, pygame.error) as e:
                why = getattr(e, "strerror", None) or str(e)
                print(_('The screenshot cannot be written to {screenshot_path} ({why}); choose another place with --screenshot.').format(screenshot_path=self.screenshot_path, why=why), file=sys.stderr)
                self.quit(2)
                return
        self.quit(0)

    # ----- the seminar room -----------------------------------------------------------------------------
    def _tick_room(self) -> bool:
        """Start the room when a game with team devices comes on screen, stop it when the game
        goes, and take the teams' steps once a frame. True if the screen must be redrawn."""
        from game.ui.scenes.board import BoardScene

        board = self.find(BoardScene)
        session = board.session if board is not None else None
        link = self.room_link
        if link is not None and (session is None or link.session is not session):
            link.close()
            self.room_link = link = None
        if link is None and session is not None and session.devices and not session.demo and self._room_failed is not session:
            from game.ui.room_link import RoomLink
            from game.ui.scenes.room_panel import JoinPanel

            try:
                self.room_link = link = RoomLink(board, self.room_bind, self.room_port)
            except OSError as e:
                self._room_failed = session
                board.toast(_('The seminar room cannot start: {error}').format(error=e))
                return True
            self.push(JoinPanel(self, link))
            return True
        return link is not None and link.pump()

    def toggle_join_panel(self) -> None:
        from game.ui.scenes.room_panel import JoinPanel

        panel = self.find(JoinPanel)
        if panel is not None:
            self.pop(panel)
        elif self.room_link is not None:
            self.push(JoinPanel(self, self.room_link))

    def _draw_room_badge(self, surface: pygame.Surface) -> None:
        t = self.theme
        room = self.room_link.room
        text = _('Room {base_url}  ·  {count}/{count2} teams  ·  F3: join codes').format(base_url=room.base_url, count=len(room.connected()), count2=len(room.links))
        font = t.font("tiny")
        img = font.render(text, True, th.INK)
        pad = t.px(6)
        r = pygame.Rect(0, 0, img.get_width() + pad * 2, img.get_height() + pad)
        r.bottomright = (self.size[0] - t.px(8), self.size[1] - t.px(4))
        pygame.draw.rect(surface, th.BG_DEEP, r, border_radius=t.px(6))
        surface.blit(img, (r.x + pad, r.y + pad // 2))

    def shutdown(self) -> None:
        if self.room_link is not None:
            self.room_link.close()
            self.room_link = None
        for s in list(self.scenes):
            close = getattr(s, "close_session", None)
            if close is not None:
                close()
            s.close()
        self.scenes.clear()
        pygame.display.quit()


def save_png(surface: pygame.Surface, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    png = io.BytesIO()
    pygame.image.save(surface, png, "png")
    atomic_write(path, png.getvalue())


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    w, _unused, h = text.lower().partition("x")
    return (max(MIN_SIZE[0], int(w)), max(MIN_SIZE[1], int(h)))


def start_app(app: App) -> None:
    """Put the first screen up: the demo's board, or the main menu."""
    from game.ui.scenes.menu import MenuScene

    app._preload_after_first_frame = True  # the menu shows first; the rules load behind it
    app.replace_all(MenuScene(app))
    if app.demo:
        from game.ui.scenes.board import start_demo

        start_demo(app)


def register_language_packs() -> None:
    """Offer the languages of every mod on disk (a mod's `locale/<lang>/game.po`)."""
    from game.i18n import register_locale_dir
    from game.ruleset.mods import mod_search_dirs

    for d in mod_search_dirs():
        try:
            folders = sorted(p for p in d.iterdir() if (p / "locale").is_dir())
        except OSError:
            continue
        for folder in folders:
            register_locale_dir(folder / "locale")
