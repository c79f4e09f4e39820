/**
 * The values some of this feature's fields take, without their schemas: what the command line
 * offers and checks before anything else is loaded (contract/definition.ts builds its schemas
 * from them).
 */

export const GOAL_METRICS = [
  'revenue',
  'deals_won',
  'win_rate',
  'avg_deal',
  'new_customers',
  'repeat_customers',
  'avg_satisfaction',
  'nps',
  'checkins_on_time',
  'interactions',
  'items_finished',
  'learning_minutes',
  'pages_read',
  'takeaways_tried',
  'custom',
] as const;

export const GOAL_DIRECTIONS = ['at_least', 'at_most'] as const;
