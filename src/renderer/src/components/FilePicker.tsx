/** A button that opens the native file chooser (an <input type=file> kept out of sight but reachable by tests). */
import { Button } from 'antd';
import { useRef, type ReactNode } from 'react';

export function FilePicker({
  label,
  accept,
  multiple,
  directory,
  icon,
  type,
  onFiles,
  testId,
  disabled,
}: {
  label: string;
  accept?: string;
  multiple?: boolean;
  /** pick a whole folder (webkitdirectory) */
  directory?: boolean;
  icon?: ReactNode;
  type?: 'primary' | 'default';
  onFiles: (files: File[]) => void;
  testId?: string;
  disabled?: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const dirProps = directory ? ({ webkitdirectory: '', directory: '' } as Record<string, string>) : {};
  return (
    <>
      <Button type={type} icon={icon} onClick={() => ref.current?.click()} disabled={disabled}>
        {label}
      </Button>
      <input
        ref={ref}
        type="file"
        hidden
        aria-label={label}
        data-testid={testId}
        accept={accept}
        multiple={multiple || directory}
        {...dirProps}
        onChange={(e) => {
          const list = e.target.files ? Array.from(e.target.files) : [];
          e.target.value = '';
          if (list.length) onFiles(list);
        }}
      />
    </>
  );
}
