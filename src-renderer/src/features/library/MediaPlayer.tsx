import { useCallback, useEffect, useId, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../../src-main/features/library/contract';
import { useApi } from '../../api/ApiProvider';
import { useToday } from '../../hooks/useToday';
import { clock } from './libraryModel';

/** How often the place is saved while playing. */
export const SAVE_EVERY_MS = 10_000;
/** A jump in the position bigger than this between two time updates is a seek, not listening. */
const MAX_STEP_S = 5;

/**
 * Audio or video played in the app (from the app's media protocol, with seeking), starting
 * where the seller stopped. The place is saved every ten seconds while it plays, on pause, at
 * the end and when the page is left, with the minutes listened since the last save (seeks
 * do not count as listening). The chapters seek.
 */
export function MediaPlayer({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const today = useToday();
  const headingId = useId();
  const media = useRef<HTMLMediaElement | null>(null);
  const playing = useRef(false);
  const lastTime = useRef<number | null>(null);
  const listened = useRef(0);
  const saved = useRef(item.positionS ?? 0);
  const day = useRef(today);
  useEffect(() => {
    day.current = today;
  }, [today]);
  const video = item.kind === 'video' || (item.fileMime?.startsWith('video/') ?? false);
  const chapters = item.contents.filter((entry) => entry.startS !== undefined);

  /** Sends the place and the listening since the last save; nothing when neither changed. */
  const save = useCallback((): void => {
    const element = media.current;
    if (!element) return;
    const position = Math.round(element.currentTime * 10) / 10;
    const minutes = Math.round((listened.current / 60) * 100) / 100;
    if (Math.abs(position - saved.current) < 0.5 && minutes <= 0) return;
    saved.current = position;
    listened.current = 0;
    void api
      .call('library.progress', {
        id: item.id,
        on: day.current,
        positionS: position,
        ...(minutes > 0 && { minutes: Math.min(minutes, 24 * 60) }),
      })
      .catch(() => {
        // A place not saved is found again at the next save; nothing here is worth a toast.
      });
  }, [api, item.id]);

  // Leaving the page (or the app closing the window) saves where the seller was.
  useEffect(() => {
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      save();
    };
  }, [save]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (playing.current) save();
    }, SAVE_EVERY_MS);
    return () => clearInterval(timer);
  }, [save]);

  const onLoaded = (): void => {
    const element = media.current;
    const start = item.positionS ?? 0;
    if (!element || start <= 0) return;
    // Near the very end it starts over rather than at the last second.
    const duration = Number.isFinite(element.duration) ? element.duration : (item.durationS ?? Infinity);
    element.currentTime = start < duration - 2 ? start : 0;
    lastTime.current = element.currentTime;
  };

  const onTime = (): void => {
    const element = media.current;
    if (!element) return;
    const now = element.currentTime;
    const step = lastTime.current === null ? 0 : now - lastTime.current;
    if (playing.current && step > 0 && step <= MAX_STEP_S) listened.current += step;
    lastTime.current = now;
  };

  const seek = (seconds: number): void => {
    const element = media.current;
    if (!element) return;
    element.currentTime = seconds;
    lastTime.current = seconds;
    save();
  };

  const common = {
    // Kept after the element leaves the page: the save on leaving still reads where it stopped.
    ref: (element: HTMLMediaElement | null) => {
      if (element) media.current = element;
    },
    src: item.mediaUrl ?? undefined,
    controls: true,
    preload: 'metadata' as const,
    onLoadedMetadata: onLoaded,
    onTimeUpdate: onTime,
    onPlay: () => {
      playing.current = true;
      lastTime.current = media.current?.currentTime ?? null;
    },
    onPause: () => {
      playing.current = false;
      save();
    },
    onEnded: () => {
      playing.current = false;
      save();
    },
    onSeeked: () => {
      lastTime.current = media.current?.currentTime ?? null;
    },
    'aria-labelledby': headingId,
  };

  return (
    <section className="section library-player" aria-labelledby={headingId}>
      <h2 id={headingId}>{video ? t('library.ui.player.watch') : t('library.ui.player.listen')}</h2>
      {video ? (
        // No captions come with the seller's own recordings; the chapters below name its parts.
        <video {...common} className="library-video" playsInline />
      ) : (
        <audio {...common} className="library-audio" />
      )}
      {item.positionS !== null && item.positionS > 0 && (
        <p className="field-hint">{t('library.ui.player.resumes', { at: clock(item.positionS) })}</p>
      )}
      {chapters.length > 0 && (
        <div className="library-chapters">
          <h3>{t('library.ui.player.chapters')}</h3>
          <ol>
            {chapters.map((chapter, index) => (
              <li key={index}>
                <button
                  type="button"
                  className="btn btn-ghost library-chapter"
                  onClick={() => seek(chapter.startS!)}
                  aria-label={t('library.ui.player.playFrom', { title: chapter.title, at: clock(chapter.startS!) })}
                >
                  <span className="library-chapter-time">{clock(chapter.startS!)}</span>
                  <span>{chapter.title}</span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
