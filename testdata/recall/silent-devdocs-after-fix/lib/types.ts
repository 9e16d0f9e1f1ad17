export interface DiscoveredPage {
  url: string;
  title?: string;
}
