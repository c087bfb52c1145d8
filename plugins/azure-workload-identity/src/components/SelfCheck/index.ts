export { SelfCheckPanel } from './SelfCheckPanel';
