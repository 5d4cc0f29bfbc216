/** Where the map looks: what MapView reports when it moves and what a link (`at=`) restores. */
export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}
