import { removeServerBuild } from './support/server-build';

export default removeServerBuild;
