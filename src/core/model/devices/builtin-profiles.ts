import type { DeviceProfile, ProfilePoint } from '../../../shared/contract/schemas/devices';

type Spec = [name: string, kind: ProfilePoint['kind'], valueType: ProfilePoint['valueType'], unit: string | null, tags: string, limits?: ProfilePoint['limits']];

const points = (...specs: Spec[]): ProfilePoint[] =>
  specs.map(([name, kind, valueType, unit, tags, limits]) => ({ name, kind, valueType, unit, tags: tags.split(' '), ...(limits ? { limits } : {}) }));

/** Controllers on a building network report about once a minute; a device silent for three is offline. */
const BMS = { expectedIntervalS: 60, heartbeatMissed: 3, status: null };

/**
 * Profiles shipped with the application: the device types of the demo building, as a real site
 * has them, and a battery-powered wireless sensor. Limits here narrow the built-in table where the
 * device type knows better (a room is not a furnace).
 */
export const builtinProfiles: readonly DeviceProfile[] = [
  {
    id: 'room-sensor',
    name: 'Room sensor',
    description: 'Wall-mounted multi-sensor: air temperature, humidity, CO2, occupancy and light level.',
    ...BMS,
    points: points(
      ['temp', 'sensor', 'number', '°C', 'zone air temp sensor', { min: -10, max: 60 }],
      ['humidity', 'sensor', 'number', '%RH', 'zone air humidity sensor'],
      ['co2', 'sensor', 'number', 'ppm', 'zone air co2 sensor', { max: 5000 }],
      ['occupancy', 'sensor', 'number', null, 'zone occupancy sensor', { min: 0, max: 1000 }],
      ['illuminance', 'sensor', 'number', 'lx', 'zone illuminance sensor'],
    ),
  },
  {
    id: 'lighting',
    name: 'Lighting controller',
    description: 'Dimmable lighting of one space; reports its output level.',
    ...BMS,
    points: points(['level', 'status', 'number', '%', 'zone light level cmd']),
  },
  {
    id: 'vav',
    name: 'VAV box',
    description: 'Variable-air-volume terminal with reheat: damper, airflow, zone setpoint, reheat valve.',
    ...BMS,
    points: points(
      ['damper', 'status', 'number', '%', 'vav damper cmd'],
      ['airflow', 'sensor', 'number', 'm³/h', 'vav discharge air flow sensor', { max: 20_000 }],
      ['setpoint', 'setpoint', 'number', '°C', 'vav zone air temp sp', { min: 5, max: 35 }],
      ['reheat', 'status', 'number', '%', 'vav reheat valve cmd'],
    ),
  },
  {
    id: 'crac',
    name: 'Close-control unit',
    description: 'Computer-room air conditioner: supply air, cooling valve, setpoint, run state.',
    ...BMS,
    points: points(
      ['supplyTemp', 'sensor', 'number', '°C', 'crac discharge air temp sensor', { min: -10, max: 50 }],
      ['coolingValve', 'status', 'number', '%', 'crac cooling valve cmd'],
      ['setpoint', 'setpoint', 'number', '°C', 'crac zone air temp sp', { min: 10, max: 35 }],
      ['running', 'status', 'boolean', null, 'crac run sensor'],
    ),
  },
  {
    id: 'ahu',
    name: 'Air handling unit',
    description: 'Central air handler: supply and return air, fan, outside-air damper, heating and cooling valves.',
    ...BMS,
    points: points(
      ['supplyTemp', 'sensor', 'number', '°C', 'ahu discharge air temp sensor', { min: -30, max: 70 }],
      ['supplyTempSetpoint', 'setpoint', 'number', '°C', 'ahu discharge air temp sp', { min: 5, max: 40 }],
      ['returnTemp', 'sensor', 'number', '°C', 'ahu return air temp sensor', { min: -10, max: 60 }],
      ['fanSpeed', 'status', 'number', '%', 'ahu discharge fan speed cmd'],
      ['oaDamper', 'status', 'number', '%', 'ahu outside damper cmd'],
      ['heatingValve', 'status', 'number', '%', 'ahu heating valve cmd'],
      ['coolingValve', 'status', 'number', '%', 'ahu cooling valve cmd'],
      ['running', 'status', 'boolean', null, 'ahu run sensor'],
    ),
  },
  {
    id: 'chiller',
    name: 'Air-cooled chiller',
    description: 'Chilled-water plant: leaving and entering water temperatures, electrical power, run state.',
    ...BMS,
    points: points(
      ['chwSupplyTemp', 'sensor', 'number', '°C', 'chiller chilled water leaving temp sensor', { min: -5, max: 30 }],
      ['chwReturnTemp', 'sensor', 'number', '°C', 'chiller chilled water entering temp sensor', { min: -5, max: 35 }],
      ['power', 'sensor', 'number', 'kW', 'chiller elec power sensor'],
      ['running', 'status', 'boolean', null, 'chiller run sensor'],
    ),
  },
  {
    id: 'boiler',
    name: 'Gas boiler',
    description: 'Hot-water boiler: leaving water temperature, firing rate, run state.',
    ...BMS,
    points: points(
      ['hwSupplyTemp', 'sensor', 'number', '°C', 'boiler hot water leaving temp sensor', { min: 0, max: 110 }],
      ['firingRate', 'status', 'number', '%', 'boiler fire rate cmd'],
      ['running', 'status', 'boolean', null, 'boiler run sensor'],
    ),
  },
  {
    id: 'electricity-meter',
    name: 'Electricity meter',
    description: 'Main incomer meter: active power and the energy register, which never decreases.',
    ...BMS,
    points: points(['power', 'sensor', 'number', 'kW', 'elec meter power sensor'], ['energy', 'sensor', 'number', 'kWh', 'elec meter energy sensor']),
  },
  {
    id: 'gas-meter',
    name: 'Gas meter',
    description: 'Gas flow and the volume register, which never decreases.',
    ...BMS,
    points: points(['flow', 'sensor', 'number', 'm³/h', 'naturalGas meter flow sensor'], ['volume', 'sensor', 'number', 'm³', 'naturalGas meter volume sensor']),
  },
  {
    id: 'weather-station',
    name: 'Weather station',
    description: 'Rooftop station: outside air temperature and humidity, solar irradiance, wind speed.',
    ...BMS,
    points: points(
      ['temp', 'sensor', 'number', '°C', 'weather outside air temp sensor', { min: -60, max: 60 }],
      ['humidity', 'sensor', 'number', '%RH', 'weather outside air humidity sensor'],
      ['solarIrradiance', 'sensor', 'number', 'W/m²', 'weather solar irradiance sensor'],
      ['windSpeed', 'sensor', 'number', 'm/s', 'weather wind speed sensor', { max: 75, maxRatePerS: 10 }],
    ),
  },
  {
    id: 'wireless-room-sensor',
    name: 'Wireless room sensor',
    description:
      'Battery-powered sensor on a radio network (LoRaWAN, Zigbee): temperature, humidity, battery and signal, ' +
      'every 5 minutes. Its gateway publishes "offline" on its availability point (the last will) when it drops out.',
    expectedIntervalS: 300,
    heartbeatMissed: 3,
    status: { point: 'availability', online: ['online'], offline: ['offline'] },
    points: points(
      ['temperature', 'sensor', 'number', '°C', 'zone air temp sensor', { min: -20, max: 60 }],
      ['humidity', 'sensor', 'number', '%RH', 'zone air humidity sensor'],
      ['battery', 'sensor', 'number', '%', 'battery sensor'],
      ['rssi', 'sensor', 'number', 'dBm', 'rssi signal sensor'],
      ['availability', 'status', 'string', null, 'availability'],
    ),
  },
];
