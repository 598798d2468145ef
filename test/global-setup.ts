import { buildServerForTests } from './support/server-build';

export default buildServerForTests;
