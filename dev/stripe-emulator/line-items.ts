import { invalid } from './api-error.ts';
import type { FormValue } from './form.ts';
import { ids } from './ids.ts';
import { LINE_ITEM_PARAMS, PRICE_DATA_PARAMS, PRODUCT_DATA_PARAMS } from './known-params.ts';
import { optInteger, optNonEmpty, optObject, optString, readMetadata, rejectUnknown } from './params.ts';
import type { LineItem } from './stripe-objects.ts';

/** A checkout session's `line_items`, which must all be in one currency. */
export function readLineItems(
  rawItems: FormValue[],
  created: number,
): { lineItems: LineItem[]; currency: string | undefined } {
  let currency: string | undefined;
  const lineItems: LineItem[] = rawItems.map((raw, i) => {
    const p = `line_items[${i}]`;
    if (typeof raw === 'string' || Array.isArray(raw)) throw invalid('Invalid object', p);
    rejectUnknown(raw, LINE_ITEM_PARAMS, p);
    if (raw.price !== undefined) {
      throw invalid(`The Stripe emulator has no Price objects; use ${p}[price_data].`, `${p}[price]`);
    }
    const priceData = optObject(raw, 'price_data', `${p}[price_data]`);
    if (!priceData) {
      throw invalid(`You must specify either \`price\` or \`price_data\` in ${p}.`, p, 'parameter_missing');
    }
    rejectUnknown(priceData, PRICE_DATA_PARAMS, `${p}[price_data]`);
    if (priceData.recurring !== undefined) {
      throw invalid(
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        `${p}[price_data][recurring]`,
      );
    }
    const itemCurrency = optNonEmpty(priceData, 'currency', `${p}[price_data][currency]`)?.toLowerCase();
    if (!itemCurrency) {
      throw invalid('Missing required param: currency.', `${p}[price_data][currency]`, 'parameter_missing');
    }
    if (!/^[a-z]{3}$/.test(itemCurrency)) {
      throw invalid(
        `Invalid currency: ${itemCurrency}.`,
        `${p}[price_data][currency]`,
        'parameter_invalid_string',
      );
    }
    if (currency && currency !== itemCurrency) {
      throw invalid('All line items must use the same currency.', `${p}[price_data][currency]`);
    }
    currency = itemCurrency;
    let unitAmount = optInteger(priceData, 'unit_amount', `${p}[price_data][unit_amount]`, 0);
    if (unitAmount === undefined && priceData.unit_amount_decimal !== undefined) {
      const decimal = optString(priceData, 'unit_amount_decimal', `${p}[price_data][unit_amount_decimal]`);
      if (decimal === undefined || !/^\d+(\.0+)?$/.test(decimal)) {
        throw invalid(
          'The Stripe emulator only supports whole-number unit_amount_decimal values.',
          `${p}[price_data][unit_amount_decimal]`,
        );
      }
      unitAmount = Number.parseInt(decimal, 10);
    }
    if (unitAmount === undefined) {
      throw invalid(
        'You must specify either `unit_amount` or `unit_amount_decimal`.',
        `${p}[price_data][unit_amount]`,
        'parameter_missing',
      );
    }
    if (priceData.product !== undefined) {
      throw invalid(
        `The Stripe emulator has no Product objects; use ${p}[price_data][product_data].`,
        `${p}[price_data][product]`,
      );
    }
    const productData = optObject(priceData, 'product_data', `${p}[price_data][product_data]`);
    if (!productData) {
      throw invalid(
        'You must specify either `product` or `product_data`.',
        `${p}[price_data][product_data]`,
        'parameter_missing',
      );
    }
    rejectUnknown(productData, PRODUCT_DATA_PARAMS, `${p}[price_data][product_data]`);
    const name = optNonEmpty(productData, 'name', `${p}[price_data][product_data][name]`);
    if (!name) {
      throw invalid(
        'Missing required param: name.',
        `${p}[price_data][product_data][name]`,
        'parameter_missing',
      );
    }
    const quantity = optInteger(raw, 'quantity', `${p}[quantity]`, 1);
    if (quantity === undefined) {
      throw invalid(
        `Quantity is required. Add \`quantity\` to \`${p}\``,
        `${p}[quantity]`,
        'parameter_missing',
      );
    }
    const total = unitAmount * quantity;
    return {
      id: ids.lineItem(),
      object: 'item',
      amount_discount: 0,
      amount_subtotal: total,
      amount_tax: 0,
      amount_total: total,
      currency: itemCurrency,
      description: name,
      metadata: readMetadata(raw, 'metadata', `${p}[metadata]`),
      price: {
        id: ids.price(),
        object: 'price',
        active: false,
        billing_scheme: 'per_unit',
        created,
        currency: itemCurrency,
        livemode: false,
        metadata: {},
        product: ids.product(),
        recurring: null,
        tax_behavior: optNonEmpty(priceData, 'tax_behavior') ?? 'unspecified',
        type: 'one_time',
        unit_amount: unitAmount,
        unit_amount_decimal: String(unitAmount),
      },
      quantity,
    };
  });
  return { lineItems, currency };
}
