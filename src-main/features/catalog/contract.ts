import { z } from 'zod';
import { AmountMinor, Currency, Id, optionalText } from '../../shared/domain';
import { command, Empty, query } from '../../shared/operations';

export const ProductInput = z.object({
  name: z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' }),
  category: optionalText(80),
  listPriceMinor: AmountMinor.nullable().default(null),
  currency: Currency.default('EUR'),
});
export const Product = z.object({
  id: Id,
  name: z.string(),
  category: z.string().nullable(),
  listPriceMinor: z.int().nullable(),
  currency: z.string(),
});
export type Product = z.infer<typeof Product>;

export const catalogOps = {
  'products.list': query(Empty, z.array(Product)),
  'products.create': command(ProductInput, Product, { writes: ['products'] }),
} as const;
