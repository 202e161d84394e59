/** The package version and home page, from package.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';

const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string; homepage: string };

export const VERSION = manifest.version;

/** The repository's web page: SARIF links the tool and each rule's page to it. */
export const HOMEPAGE = manifest.homepage.replace(/#.*$/, '').replace(/\/$/, '');
