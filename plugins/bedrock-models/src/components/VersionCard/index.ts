export { VersionCard } from './VersionCard';
