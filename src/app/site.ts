/** Where the guide is published: sitemap.xml and robots.txt give absolute addresses under it. */
export const SITE_URL = 'https://psremoting-guide.example';
