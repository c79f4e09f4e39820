import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Highlight,
  LibraryItemSummary,
  LibraryKind,
  LibraryStatus,
  PersonRole,
} from '../../../../src-main/features/library/contract';
import { useFormat } from '../../i18n/format';
import { Icon, type IconName } from '../../ui/icons';
import { clock, hoursMinutes, progressShare } from './libraryModel';

export const KIND_ICONS: Record<LibraryKind, IconName> = {
  book: 'book',
  ebook: 'tablet',
  audiobook: 'headphones',
  video: 'video',
  audio: 'mic',
  seminar: 'presentation',
  article: 'article',
};

const STATUS_CLASS: Record<LibraryStatus, string> = {
  want: 'badge-muted',
  in_progress: 'badge-open',
  done: 'badge-won',
  abandoned: 'badge-lost',
};

export function LibraryStatusBadge({ status }: { status: LibraryStatus }): ReactElement {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_CLASS[status]}`}>{t(`library.statuses.${status}`)}</span>;
}

/**
 * An item's cover as the API names it (the app's media protocol, or whatever the preview maps
 * it to), or, without one or when it fails to load, the kind's icon over the title.
 */
export function Cover({
  item,
  size = 'card',
}: {
  item: Pick<LibraryItemSummary, 'coverUrl' | 'kind' | 'title'>;
  size?: 'card' | 'thumb' | 'large';
}): ReactElement {
  const [failed, setFailed] = useState<string | null>(null);
  const url = item.coverUrl !== null && item.coverUrl !== failed ? item.coverUrl : null;
  const square = item.kind === 'audio' || item.kind === 'audiobook' || item.kind === 'video';
  return (
    <div className={`cover cover-${size}${square ? ' cover-media' : ''}`} aria-hidden="true">
      {url ? (
        // The title is said beside the cover: the picture itself is decoration.
        <img src={url} alt="" loading="lazy" draggable={false} onError={() => setFailed(url)} />
      ) : (
        <div className={`cover-placeholder cover-${item.kind}`}>
          <Icon name={KIND_ICONS[item.kind]} size={size === 'thumb' ? 16 : size === 'large' ? 36 : 28} />
          {size !== 'thumb' && <span className="cover-title">{item.title}</span>}
        </div>
      )}
    </div>
  );
}

/** Who made it, with the role of anyone who is not simply the author: "Ann Lee, Bo Ray (narrator)". */
export function peopleText(
  people: readonly { name: string; role: PersonRole }[],
  t: (key: string) => string,
  max = 3,
): string {
  const shown = people
    .slice(0, max)
    .map((person) =>
      person.role === 'author' ? person.name : `${person.name} (${t(`library.ui.roles.${person.role}`)})`,
    );
  return people.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A rating as stars, said in words. */
export function Rating({ value }: { value: number }): ReactElement {
  const { t } = useTranslation();
  const label = t('library.ui.ratingValue', { value });
  return (
    <span className="library-rating" title={label}>
      <span aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={n <= value ? 'star star-on' : 'star'}>
            ★
          </span>
        ))}
      </span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A length in the seller's words: "2 h 5 min", "45 min", "40 s". */
export function useDuration(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds) => {
    // A clip under a minute is said in seconds, not as "0 min".
    if (seconds < 59.5) return t('library.ui.seconds', { count: Math.round(seconds) });
    const { hours, minutes } = hoursMinutes(seconds);
    return hours > 0 ? t('library.ui.hoursMinutes', { hours, minutes }) : t('library.ui.minutes', { count: minutes });
  };
}

/** How far the seller is, as a thin bar with the share in words; nothing before they start. */
export function ProgressBar({
  item,
  label,
}: {
  item: Pick<LibraryItemSummary, 'progressPercent' | 'progressPage' | 'pages' | 'positionS' | 'durationS' | 'status'>;
  label?: string;
}): ReactElement | null {
  const { t } = useTranslation();
  const format = useFormat();
  const share = item.status === 'done' ? 1 : progressShare(item);
  if (share === null || (share === 0 && item.status === 'want')) return null;
  const text = t('library.ui.progressShare', { share: format.percent(share) });
  return (
    <div className="library-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={label ?? text}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
        aria-valuetext={text}
      >
        <div className="progress-bar" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

/** Where in the item a highlight is, in words: "Page 12 · Location 631–632", "At 1:02:03". */
export function useLocationText(): (highlight: Highlight) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (highlight) =>
    [
      highlight.page !== null && t('library.ui.highlights.page', { page: format.number(highlight.page) }),
      // An e-reader's locations are labels, written as the reader shows them (no thousands mark).
      highlight.locStart !== null &&
        (highlight.locEnd !== null && highlight.locEnd !== highlight.locStart
          ? t('library.ui.highlights.locations', { from: highlight.locStart, to: highlight.locEnd })
          : t('library.ui.highlights.location', { at: highlight.locStart })),
      highlight.positionS !== null && t('library.ui.highlights.at', { at: clock(highlight.positionS) }),
    ]
      .filter(Boolean)
      .join(' · ');
}
