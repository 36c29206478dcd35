import type { UseFormRegisterReturn } from 'react-hook-form';
import { cx } from '../../lib/cx.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { type LandingUpdate, TEMPLATE_INFO, TEMPLATES, type TemplateId } from './landing-form-model.ts';
import { PreviewFrame } from './preview-frame.tsx';

/**
 * The five templates side by side, each a thumbnail of this school's own page in it (the
 * preview route with the template swapped in), picked like radio buttons, which they are.
 */
export function TemplatePicker({
  draft,
  selected,
  field,
}: {
  /** The draft the thumbnails draw (their own template each); null keeps the last ones. */
  draft: LandingUpdate | null;
  selected: TemplateId;
  field: UseFormRegisterReturn<'templateId'>;
}) {
  const t = useT();
  return (
    <ul className="flex flex-wrap gap-3">
      {TEMPLATES.map((id) => {
        const info = TEMPLATE_INFO[id];
        const name = t(info.name);
        const checked = id === selected;
        return (
          <li key={id}>
            <label
              className={cx(
                'block w-[13.5rem] cursor-pointer rounded-lg border bg-white p-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600',
                checked
                  ? 'border-brand-600 ring-1 ring-brand-600'
                  : 'border-slate-300 hover:border-slate-400',
              )}
            >
              {/* 1280 × 960 drawn at 15%: what a visitor's wide screen shows first. */}
              <div className="relative h-36 w-48 overflow-hidden rounded border border-slate-200" inert>
                <PreviewFrame
                  draft={draft ? { ...draft, templateId: id } : null}
                  title={t('app.landing.template.thumbnail', { name })}
                  name={`landing-thumbnail-${id}`}
                  inert
                  frameClassName="pointer-events-none h-[960px] w-[1280px] origin-top-left scale-[0.15]"
                />
              </div>
              <span className="mt-2 flex items-start gap-2">
                <input type="radio" value={id} className="mt-0.5 size-4" {...field} />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{name}</span>
                  <span className="block text-xs text-slate-600">{t(info.description)}</span>
                </span>
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
