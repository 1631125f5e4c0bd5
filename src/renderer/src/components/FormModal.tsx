/** The blocks every edit dialog repeats: a modal holding one form, a text field, the call's error, save-then-close. */
import { Alert, App, Form, Input, Modal, type FormInstance, type FormItemProps } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { Input as OpInput, OpName, Output } from '../../../shared/contract';
import { errorMessage, useOpMutation } from '../api/client';
import { SubmitOnEnter } from './common';

/** An error line: a string as it is, anything else (an ApiError) through errorMessage; nothing when empty. */
export function ErrorAlert({ error, style }: { error: unknown; style?: CSSProperties }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={typeof error === 'string' ? error : errorMessage(error)} style={style} />;
}

/** "Required, not only spaces" with its message. */
export const required = (message: string) => [{ required: true, whitespace: true, message }];

/** A form field holding one text box. */
export function TextItem({ max = 200, autoFocus, ...item }: FormItemProps & { max?: number; autoFocus?: boolean }) {
  return (
    <Form.Item {...item}>
      <Input maxLength={max} autoFocus={autoFocus} />
    </Form.Item>
  );
}

export interface Saving {
  pending: boolean;
  error: unknown;
  onClose: () => void;
}

/**
 * A modal holding one vertical form: OK (or Enter) submits it, Hủy closes it, the call's error shows under the
 * fields. `intro` stands above the form; `footer` replaces the OK / Hủy buttons.
 */
export function FormModal<T extends object>({
  title,
  okText = 'Lưu',
  width,
  form,
  initialValues,
  onFinish,
  saving: { pending, error, onClose },
  errorStyle,
  intro,
  footer,
  children,
}: {
  title: string;
  okText?: string;
  width?: number;
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  onFinish: (values: T) => void;
  /** the call in flight (OK spins), its error, and how to close */
  saving: Saving;
  errorStyle?: CSSProperties;
  intro?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      width={width}
      destroyOnHidden
      {...(footer ? { footer } : {})}
    >
      {intro}
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        <SubmitOnEnter />
        {children}
        <ErrorAlert error={error} style={errorStyle} />
      </Form>
    </Modal>
  );
}

/** A mutation for a dialog: on success it says `done` and closes the dialog; its error stays for the form. */
export function useSaveAndClose<K extends OpName>(op: K, onClose: () => void) {
  const { message } = App.useApp();
  const m = useOpMutation(op);
  const save = (input: OpInput<K>, done: string | ((r: Output<K>) => string)) =>
    m.mutate(input, {
      onSuccess: (r) => {
        void message.success(typeof done === 'string' ? done : done(r));
        onClose();
      },
    });
  const saving: Saving = { pending: m.isPending, error: m.error, onClose };
  return { save, saving };
}
