import { area, method } from '../define';
import { SpacesGetInput, SpacesGetOutput, SpacesListInput, SpacesListOutput } from '../schemas/spaces';

export const spacesArea = area({
  methods: {
    'spaces.list': method({
      input: SpacesListInput,
      output: SpacesListOutput,
      permission: 'points:read',
      summary: 'Storeys (name, elevation, order) and spaces (name, use, storey, area, point and device counts) of the building model; spaces that points name but the model does not know are listed too, named by their id, with `known: false`.',
    }),
    'spaces.get': method({
      input: SpacesGetInput,
      output: SpacesGetOutput,
      permission: 'points:read',
      summary: 'One space with its storey, footprint and geometry reference, the ids of its points and its devices.',
    }),
  },
});
