import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A small form's values and its fields' messages (keys under `validation`, as issuesByPath gives them), and the props
 * that bind a text input to one field: its value, its change and its translated message.
 */
export function useFields<F extends Record<string, string>>(initial: F) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const field = (k: keyof F & string) => ({
    value: form[k],
    onChange: (e: { currentTarget: { value: string } }) => setForm((f) => ({ ...f, [k]: e.currentTarget.value })),
    error: errors[k] && t(`validation.${errors[k]}`),
  });
  return { form, setForm, setErrors, field };
}
