import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/client';
import { I18nProvider } from '@/lib/i18n/provider';
import { messagesFor } from '@/lib/i18n/translate';
import { FormDialog, FormFrame } from './form-dialog';

const render = (node: React.ReactNode, locale: 'zh-CN' | 'en' = 'en') =>
  renderToStaticMarkup(
    <I18nProvider locale={locale} messages={messagesFor(locale)}>
      {node}
    </I18nProvider>,
  );
const noop = () => undefined;
/** Whether the submit button carries the disabled attribute (its class names mention `disabled:` styles too). */
function isSubmitDisabled(html: string): boolean {
  const button = /<button type="submit"[^>]*>/.exec(html)?.[0];
  expect(button, 'a submit button').toBeDefined();
  return / disabled=""/.test(button ?? '');
}

describe('FormDialog', () => {
  it('shows the title, the fields, Cancel and the submit label', () => {
    const html = render(
      <FormDialog
        title="Create network"
        onClose={noop}
        onSubmit={noop}
        submitLabel="Create"
        error={null}
        pending={false}
      >
        <input aria-label="Name" />
      </FormDialog>,
    );
    expect(html, 'the title').toContain('Create network');
    expect(html, 'the field').toContain('aria-label="Name"');
    expect(html, 'Cancel').toMatch(/<button type="button"[^>]*>Cancel<\/button>/);
    expect(isSubmitDisabled(html), 'the submit button is enabled').toBe(false);
    expect(html, 'no failure yet').not.toContain('role="alert"');
  });

  it('disables the submit button while pending or while the input is incomplete', () => {
    const pending = render(
      <FormDialog title="t" onClose={noop} onSubmit={noop} submitLabel="Save" error={null} pending>
        {null}
      </FormDialog>,
    );
    expect(isSubmitDisabled(pending), 'pending').toBe(true);
    const incomplete = render(
      <FormDialog
        title="t"
        onClose={noop}
        onSubmit={noop}
        submitLabel="Save"
        canSubmit={false}
        error={null}
        pending={false}
      >
        {null}
      </FormDialog>,
    );
    expect(isSubmitDisabled(incomplete), 'nothing picked yet').toBe(true);
  });

  it("lists an ApiError's per-field details instead of repeating them in the message", () => {
    const details = [
      { path: 'name', message: 'Too big: expected string to have <=255 characters' },
      { path: 'cidr', message: 'Invalid CIDR' },
    ];
    const error = new ApiError(details.map((d) => `${d.path}: ${d.message}`).join('; '), 400, 'invalid', details);
    const html = render(
      <FormDialog title="t" onClose={noop} onSubmit={noop} submitLabel="Save" error={error} pending={false}>
        {null}
      </FormDialog>,
      'zh-CN',
    );
    expect(html, 'the translated error type').toContain('请求无效');
    expect(html.match(/<li>/g), 'one item per field').toHaveLength(2);
    expect(html, 'the field path').toContain('cidr:');
    expect(html, 'the joined message is not shown as well').not.toContain('; cidr');
  });

  it('keeps a message that says more than its details, and a plain failure as it was', () => {
    const error = new ApiError('security group web is in use by server app-1', 409, 'conflict', [
      { path: 'id', message: 'in use' },
    ]);
    const html = render(
      <FormFrame aria-label="Add rule" onSubmit={noop} submitLabel="Add rule" error={error} pending={false}>
        {null}
      </FormFrame>,
    );
    expect(html, 'the message').toContain('in use by server app-1');
    expect(html, 'the detail').toMatch(/<li>.*in use<\/li>/);
    expect(html, 'an inline form has no Cancel').not.toContain('Cancel');
    expect(html, 'the form is named').toContain('aria-label="Add rule"');
    const plain = render(
      <FormFrame onSubmit={noop} submitLabel="Go" error={new Error('network down')} pending={false}>
        {null}
      </FormFrame>,
    );
    expect(plain, 'a plain error is one alert paragraph').toMatch(/<p role="alert"[^>]*>network down<\/p>/);
  });

  it('shows the result with a Close button instead of the form', () => {
    const html = render(
      <FormDialog
        title="t"
        onClose={noop}
        onSubmit={noop}
        submitLabel="Add subnet"
        error={null}
        pending={false}
        result={<p>created, note: overlaps</p>}
      >
        {null}
      </FormDialog>,
    );
    expect(html, 'the result').toContain('created, note: overlaps');
    expect(html, 'no form').not.toContain('<form');
    expect(html, 'Close').toMatch(/>Close<\/button>/);
  });
});
