/** React 19 hoists <title> and <meta> into the document head. */
export function PageMeta({ title, description }: { title: string; description: string }) {
  const full = title === SITE_NAME ? title : `${title} · ${SITE_NAME}`;
  return (
    <>
      <title>{full}</title>
      <meta name="description" content={description} />
    </>
  );
}

export const SITE_NAME = 'PowerShell Remoting Security Guide';
