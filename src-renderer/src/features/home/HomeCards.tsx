import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeCard, HomeSummary } from '../../../../src-main/features/home/contract';
import { useFormat } from '../../i18n/format';
import { cardLink, changeText, figureText, higherIsBetter, otherCurrencies, visibleCards } from './homeModel';
import { Sparkline } from './Sparkline';

const ARROWS = { up: '▲', down: '▼', same: '■' } as const;

/** The key figures, each a link to the records behind it; then follow-ups and goals as of today. */
export function HomeCards({ home }: { home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const n = (value: number): string => format.number(value);
  return (
    <section aria-label={t('home.cards.label')}>
      <ul className="home-cards">
        {visibleCards(home).map((card) => (
          <li key={`${card.key}-${card.currency ?? ''}`}>
            <FigureCard card={card} home={home} />
          </li>
        ))}
        <li>
          <Tile
            to="/followups"
            label={t('home.cards.followups_today')}
            value={n(home.followUps.today)}
            foot={
              home.followUps.overdue > 0 ? (
                <span className="home-change home-change-bad">
                  {t('home.cards.overdue', { count: home.followUps.overdue, formatted: n(home.followUps.overdue) })}
                </span>
              ) : (
                <span className="home-card-vs">{t('home.cards.noneOverdue')}</span>
              )
            }
          />
        </li>
        <li>
          <Tile
            to="/goals"
            label={t('home.cards.goals_on_track')}
            value={
              home.goals.total === 0
                ? t('home.cards.none')
                : t('home.cards.goalsValue', { onTrack: n(home.goals.onTrack), total: n(home.goals.total) })
            }
            foot={
              <span className={`home-card-vs${home.goals.behind > 0 ? ' home-change home-change-bad' : ''}`}>
                {home.goals.total === 0
                  ? t('home.cards.noGoals')
                  : home.goals.behind > 0
                    ? t('home.cards.behind', { count: home.goals.behind, formatted: n(home.goals.behind) })
                    : t('home.cards.allOnPace')}
              </span>
            }
          />
        </li>
      </ul>
    </section>
  );
}

function Tile({
  to,
  label,
  value,
  foot,
  children,
}: {
  to: string;
  label: string;
  value: string;
  foot: ReactNode;
  children?: ReactNode;
}): ReactElement {
  return (
    <Link to={to} className="home-card">
      <span className="home-card-label">{label}</span>
      <span className="home-card-value">{value}</span>
      <span className="home-card-foot">{foot}</span>
      {children}
    </Link>
  );
}

function FigureCard({ card, home }: { card: HomeCard; home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const label = t(`home.cards.${card.key}`);
  const shown = (value: number | null): string =>
    value === null ? t('home.cards.none') : figureText(card, value, format);
  const change = changeText(card, format);
  const vs = t(home.compare === 'previous' ? 'home.change.vsPrevious' : 'home.change.vsLastYear');
  const previous = shown(card.previous);
  const others = otherCurrencies(home, card.key);
  let foot: ReactNode;
  if (change === null) foot = <span className="home-card-vs">{t('home.change.noPrevious')}</span>;
  else {
    const good = higherIsBetter(card.key) ? change.direction === 'up' : change.direction === 'down';
    const tone = change.direction === 'same' ? 'same' : good ? 'good' : 'bad';
    const size = change.unit === 'points' ? t('home.change.points', { value: change.text }) : change.text;
    const words =
      change.direction === 'same'
        ? t('home.change.same', { previous })
        : t(`home.change.${change.direction}`, { change: size, previous });
    foot = (
      <>
        <span className={`home-change home-change-${tone}`} title={`${words}, ${vs}`}>
          <span aria-hidden="true">
            {ARROWS[change.direction]} {change.direction === 'same' ? '' : size}
          </span>
          <span className="visually-hidden">{`${words}, ${vs}`}</span>
        </span>
      </>
    );
  }
  return (
    <Tile
      to={cardLink(card.key, home.current)}
      label={
        card.currency && home.currencies.length > 1
          ? t('home.cards.inCurrency', { label, currency: card.currency })
          : label
      }
      value={shown(card.value)}
      foot={foot}
    >
      <Sparkline values={card.trend.map((b) => b.value)} />
      {others.length > 0 && (
        <span className="home-card-others">
          {others.map((other) => (
            <span key={other.currency}>
              {other.value === null ? t('home.cards.none') : figureText(other, other.value, format)}
            </span>
          ))}
        </span>
      )}
    </Tile>
  );
}
